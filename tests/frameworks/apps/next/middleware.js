// Middleware (edge runtime): looks a job up and passes the label on as a response header.
import { NextResponse } from "next/server";
import { getClassifyJob, toClassification } from "classify-sdk";

export const config = { matcher: "/api/:path*" };

export async function middleware() {
  const job = await getClassifyJob("clj-completed", { apiKey: "llx-test-key-0123456789", baseUrl: process.env.CLASSIFY_API });
  const response = NextResponse.next();
  response.headers.set("x-classify-label", toClassification(job).label ?? "none");
  return response;
}
