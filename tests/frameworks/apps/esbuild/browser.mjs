// A browser bundle made by esbuild with no options but --bundle (the Node bundle is made from
// node-esm/app.mjs).
import { ClassifyClient, getClassifyJob, toClassification } from "classify-sdk";
import { report } from "./report.mjs";

report({ ClassifyClient, getClassifyJob, toClassification });
