"use client";
// A client component: the SDK is imported into the browser bundle (and into the server render).
import { useEffect, useState } from "react";
import { ClassifyClient, getClassifyJob, toClassification } from "classify-sdk";

const apiKey = "llx-test-key-0123456789";

export default function Label() {
  const [text, setText] = useState("loading");
  useEffect(() => {
    const api = new URLSearchParams(location.search).get("api");
    const client = new ClassifyClient({ apiKey, baseUrl: api });
    Promise.all([getClassifyJob("clj-completed", { apiKey, baseUrl: api }), client.getClassifyJob("clj-completed")]).then(
      ([job, again]) => {
        window.__result = `label=${toClassification(job).label} client=${again.result?.type}`;
        setText(window.__result);
      },
      (error) => {
        window.__result = `error=${error && error.name}: ${error && error.message}`;
        setText(window.__result);
      },
    );
  }, []);
  return <p id="result">{text}</p>;
}
