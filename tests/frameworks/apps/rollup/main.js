// Rollup with @rollup/plugin-node-resolve and nothing else.
import { ClassifyClient, getClassifyJob, toClassification } from "classify-sdk";
import { report } from "./report.mjs";

report({ ClassifyClient, getClassifyJob, toClassification });
