// Parses each WebVTT file named on the command line with the W3C validator's parser
// (npm webvtt-parser, the reference parser of the WebVTT spec's editors) and prints one JSON
// line per file: {"file", "cues", "errors": [{"line", "col", "message"}]}.
// Usage: node w3c_validator.js MODULE_DIR FILE...
const fs = require('fs');
const { WebVTTParser } = require(process.argv[2]);
for (const file of process.argv.slice(3)) {
  const result = new WebVTTParser().parse(fs.readFileSync(file, 'utf8'), 'metadata');
  const errors = result.errors.map((e) => ({ line: e.line, col: e.col === undefined ? null : e.col, message: e.message }));
  console.log(JSON.stringify({ file, cues: result.cues.length, errors }));
}
