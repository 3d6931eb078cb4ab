// The query page: SPARQL in the browser with Oxigraph's WebAssembly build.
// Everything is on the site and inlined as scripts, so it works from
// file:// (where a page may not fetch) and from any web server alike:
// oxigraph-*.js defines window.oxigraph, oxigraph-*-wasm.js the WebAssembly
// bytes as base64, graph.js the release graph (N-Quads or TriG). Nothing is fetched.
(function () {
  "use strict";
  var form = document.getElementById("query-form");
  var config = JSON.parse(document.getElementById("query-config").textContent);
  var editor = document.getElementById("query-text");
  var examples = document.getElementById("query-example");
  var status = document.getElementById("query-status");
  var results = document.getElementById("query-results");
  var downloads = document.getElementById("query-downloads");
  var share = document.getElementById("query-share");
  var pages = new Set(config.pages);
  var store = null;
  var last = null;  // the last answer: {vars, bindings, json}

  function say(text) { status.textContent = text; }

  function bytes(base64) {
    var raw = atob(base64), out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { out[i] = raw.charCodeAt(i); }
    return out;
  }

  function load() {
    say("Loading the graph…");
    var started = performance.now();
    return window.oxigraph.init({ module_or_path: bytes(window.LKG_OXIGRAPH_WASM) }).then(function () {
      store = new window.oxigraph.Store();
      store.load(window.LKG_GRAPH, { format: window.LKG_GRAPH_FORMAT });
      say("The graph is loaded: " + store.size + " triples in " + Math.round(performance.now() - started) +
          " ms. Write a query or pick an example, then run it.");
      form.querySelector("button[type=submit]").disabled = false;
    });
  }

  function pageOf(iri) {
    if (iri.indexOf(config.id) !== 0) { return null; }
    var rest = iri.slice(config.id.length);
    return pages.has(rest) ? "entity/" + rest + ".html" : null;
  }

  function labels(iris) {
    // The labels of the IRIs of the answer, from the graph itself.
    var found = {};
    if (!iris.length) { return found; }
    var values = iris.map(function (iri) { return "<" + iri + ">"; }).join(" ");
    var answer = JSON.parse(store.query(
      "SELECT ?s (SAMPLE(?l) AS ?label) WHERE { VALUES ?s { " + values + " } " +
      "?s <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#prefLabel> ?l " +
      "FILTER (LANG(?l) = 'en' || LANG(?l) = '') } GROUP BY ?s",
      { use_default_graph_as_union: true, results_format: "json" }));
    answer.results.bindings.forEach(function (b) { found[b.s.value] = b.label.value; });
    return found;
  }

  function cell(term, names) {
    var td = document.createElement("td");
    if (!term) { return td; }
    if (term.type === "uri") {
      var href = pageOf(term.value);
      var text = names[term.value] || term.value;
      if (href) {
        var a = document.createElement("a");
        a.href = href;
        a.textContent = text;
        td.appendChild(a);
      } else {
        td.textContent = text;
      }
      if (names[term.value]) { td.title = term.value; }
    } else {
      td.textContent = term.value;
    }
    return td;
  }

  function show(json) {
    results.textContent = "";
    if (typeof json.boolean === "boolean") {
      say("The answer is " + json.boolean + ".");
      last = null;
      downloads.hidden = true;
      return;
    }
    var vars = json.head.vars, bindings = json.results.bindings, iris = {};
    bindings.forEach(function (b) {
      vars.forEach(function (v) { if (b[v] && b[v].type === "uri") { iris[b[v].value] = true; } });
    });
    var names = labels(Object.keys(iris).sort());
    var table = document.createElement("table");
    var caption = table.createCaption();
    caption.textContent = "The answer";
    var head = table.createTHead().insertRow();
    vars.forEach(function (v) { var th = document.createElement("th"); th.scope = "col"; th.textContent = v; head.appendChild(th); });
    var body = table.createTBody();
    bindings.forEach(function (b) {
      var row = body.insertRow();
      vars.forEach(function (v) { row.appendChild(cell(b[v], names)); });
    });
    results.appendChild(table);
    say(bindings.length + (bindings.length === 1 ? " row." : " rows."));
    last = { vars: vars, bindings: bindings, names: names, json: JSON.stringify(json) };
    downloads.hidden = false;
  }

  function run() {
    var text = editor.value;
    share.href = "query.html#query=" + encodeURIComponent(text);
    try {
      var answer = store.query(text, { use_default_graph_as_union: true, results_format: "json" });
      show(JSON.parse(answer));
    } catch (error) {
      results.textContent = "";
      downloads.hidden = true;
      say("The query failed: " + (error && error.message ? error.message : error));
    }
  }

  function csvField(text) {
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csv() {
    // Each column holding IRIs followed by their labels, for spreadsheets.
    var linked = last.vars.map(function (v) {
      return last.bindings.some(function (b) { return b[v] && b[v].type === "uri"; });
    });
    var header = [];
    last.vars.forEach(function (v, i) { header.push(v); if (linked[i]) { header.push(v + " label"); } });
    var lines = [header.map(csvField).join(",")];
    last.bindings.forEach(function (b) {
      var fields = [];
      last.vars.forEach(function (v, i) {
        fields.push(b[v] ? b[v].value : "");
        if (linked[i]) { fields.push(b[v] && b[v].type === "uri" ? (last.names[b[v].value] || "") : ""); }
      });
      lines.push(fields.map(csvField).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  function download(name, type, text) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  examples.addEventListener("change", function () {
    var chosen = config.examples[examples.value];
    if (chosen) { editor.value = chosen.text; }
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); if (store) { run(); } });
  document.getElementById("download-csv").addEventListener("click", function () {
    if (last) { download("query.csv", "text/csv", csv()); }
  });
  document.getElementById("download-json").addEventListener("click", function () {
    if (last) { download("query.srj", "application/sparql-results+json", last.json); }
  });

  var asked = /^#query=/.test(window.location.hash) ? decodeURIComponent(window.location.hash.slice(7)) : null;
  editor.value = asked || config.examples[0].text;
  form.hidden = false;
  load().then(function () { if (asked) { run(); } }, function (error) {
    say("The query engine could not start: " + (error && error.message ? error.message : error));
  });
}());
