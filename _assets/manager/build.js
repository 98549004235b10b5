// Bundle the book's widget manager (index.js) into one minified script, and minify require.js beside it:
// node build.js OUT_DIR. Run by `python -m analysis assets`; every package comes from node_modules
// (package-lock.json).
const fs = require("fs");
const path = require("path");
const terser = require("terser");
const webpack = require("webpack");

const out = path.resolve(process.argv[2] || "dist");
const config = {
  mode: "production",
  context: __dirname,
  entry: "./index.js",
  output: { path: out, filename: "manager.js", publicPath: "", clean: false },
  devtool: false,
  performance: { hints: false },
  resolve: { modules: [path.resolve(__dirname, "..", "..", "node_modules")] },
  module: {
    rules: [
      { test: /\.css$/, use: [require.resolve("style-loader"), require.resolve("css-loader")] },
      { test: /\.(svg|png|woff2?|ttf|eot)$/, type: "asset/inline" },
    ],
  },
};

webpack(config, (err, stats) => {
  if (err || stats.hasErrors()) {
    console.error(err ? String(err) : stats.toString({ all: false, errors: true }));
    process.exit(1);
  }
  const asset = stats.toJson({ all: false, assets: true }).assets[0];
  console.log(`${path.join(out, asset.name)}: ${asset.size} bytes`);
  minifyRequire().catch((error) => {
    console.error(`minifying require.js failed: ${error}`);
    process.exit(1);
  });
});

// require.js keeps its licence comment; its globals (require, requirejs, define) stay top-level names.
async function minifyRequire() {
  const source = path.resolve(__dirname, "..", "..", "node_modules", "requirejs", "require.js");
  const result = await terser.minify(fs.readFileSync(source, "utf8"), {
    compress: true, mangle: true, format: { comments: /license|@preserve/i },
  });
  fs.writeFileSync(path.join(out, "require.js"), result.code);
  console.log(`${path.join(out, "require.js")}: ${result.code.length} bytes`);
}
