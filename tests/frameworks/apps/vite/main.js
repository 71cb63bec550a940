// A Vite app with no vite.config: `vite` (dev server, dependency pre-bundling) and `vite build`.
import { ClassifyClient, getClassifyJob, toClassification } from "classify-sdk";
import { report } from "./report.mjs";

report({ ClassifyClient, getClassifyJob, toClassification });
