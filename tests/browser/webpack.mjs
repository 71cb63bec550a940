// Builds the browser suite with webpack 5 (its Node API, production mode) instead of esbuild:
// node tests/browser/webpack.mjs <out dir>. `classify-sdk` resolves through its `browser`
// export, which carries the module: there is no asset to emit.
import webpack from "webpack";
import { resolve } from "node:path";

const out = resolve(process.argv[2] || "tests/browser/.build-webpack");
const compiler = webpack({
  mode: "production",
  target: "web",
  entry: resolve("tests/browser/entry.mjs"),
  // An ES-module bundle (the page imports it).
  experiments: { outputModule: true },
  output: { path: out, filename: "bundle.js", assetModuleFilename: "[name][ext]", module: true, clean: true },
  resolve: { conditionNames: ["browser", "import", "default"] },
  performance: { hints: false },
  infrastructureLogging: { level: "error" },
});
compiler.run((error, stats) => {
  compiler.close(() => {});
  if (error || stats.hasErrors()) {
    console.error(error || stats.toString({ all: false, errors: true }));
    process.exit(1);
  }
  const assets = stats.toJson({ all: false, assets: true }).assets.map((a) => `${a.name} (${a.size} B)`);
  console.log(`webpack ${webpack.version}: ${assets.join(", ")}`);
});
