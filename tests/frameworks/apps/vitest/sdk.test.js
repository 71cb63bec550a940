// Vitest with no configuration file, run with the default (node) and the jsdom environment.
import { expect, test } from "vitest";
import { ClassifyClient, getClassifyJob, toClassification, NotFoundError } from "classify-sdk";

const api = process.env.CLASSIFY_API;
const apiKey = "llx-test-key-0123456789";

test("looks up a job", async () => {
  const job = await getClassifyJob("clj-completed", { apiKey, baseUrl: api });
  expect(toClassification(job).label).toBe("invoice");
});

test("a client built at once, and a typed error", async () => {
  const client = new ClassifyClient({ apiKey, baseUrl: api });
  await expect(client.getClassifyJob("clj-nope")).rejects.toBeInstanceOf(NotFoundError);
});
