// Comunica (@comunica/query-sparql-file) as a third SPARQL engine for the tests:
// runs SELECT queries over one local RDF file, its named graphs merged as the
// default graph (as the local engines and `report --endpoint` see the graph).
// stdin: {"file": path, "queries": [text, ...]}
// stdout: a JSON array, per query {"ok": SPARQL JSON results} or {"error": first line}.
// No network: the only source is the file.
const { QueryEngine } = require('@comunica/query-sparql-file');

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const engine = new QueryEngine();
  const context = { sources: [{ type: 'file', value: request.file }], unionDefaultGraph: true };
  const answers = [];
  for (const text of request.queries) {
    try {
      const result = await engine.query(text, context);
      const { data } = await engine.resultToString(result, 'application/sparql-results+json');
      let body = '';
      for await (const piece of data) body += piece;
      answers.push({ ok: JSON.parse(body) });
    } catch (error) {
      answers.push({ error: String((error && error.message) || error).split('\n')[0] });
    }
  }
  process.stdout.write(JSON.stringify(answers));
}

main().catch((error) => {
  process.stderr.write(`comunica: ${error && error.message}\n`);
  process.exit(2);
});
