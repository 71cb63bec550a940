// webpack 5 with no configuration file: the default entry ./src/index.js, mode production.
import { ClassifyClient, getClassifyJob, toClassification } from "classify-sdk";
import { report } from "./report.mjs";

report({ ClassifyClient, getClassifyJob, toClassification });
