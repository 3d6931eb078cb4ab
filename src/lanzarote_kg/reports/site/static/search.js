// Search over every entity (label, alternative labels, kind) and every line
// of the paper's text, with MiniSearch over the prebuilt document lists
// (search-index.js). Exact names come first: a query that is an entity's
// label, short name or acronym puts that entity at the top, then names that
// start with the query, then MiniSearch's ranking. The form on this page is
// hidden until this script runs; the box in every page's navigation is a
// plain form that opens search.html?q=... .
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var data = window.LKG_SEARCH;
  if (!form || !data || !window.MiniSearch) { return; }
  var input = form.querySelector("input");
  var status = document.getElementById("search-status");
  var entityList = document.getElementById("search-results");
  var lineList = document.getElementById("search-lines");
  var root = form.getAttribute("data-root") || "";
  function norm(text) { return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim(); }
  var entities = new window.MiniSearch({
    fields: ["label", "alt", "kind"], storeFields: ["label", "kind", "alt"],
    searchOptions: { prefix: true, fuzzy: 0.2, boost: { label: 3, alt: 3, kind: 0.5 } }
  });
  entities.addAll(data.entities);
  var lines = new window.MiniSearch({
    fields: ["text"], storeFields: ["text", "line"],
    searchOptions: { prefix: true, fuzzy: 0.1, combineWith: "AND" }
  });
  lines.addAll(data.lines);
  function rank(hit, query) {
    var names = [hit.label].concat(hit.alt ? hit.alt.split(" | ") : []).map(norm);
    if (names.indexOf(query) !== -1) { return 0; }
    if (names.some(function (n) { return n.indexOf(query) === 0; })) { return 1; }
    if (names.some(function (n) { return (" " + n + " ").indexOf(" " + query + " ") !== -1; })) { return 2; }
    return 3;
  }
  function findEntities(query) {
    var found = entities.search(query, { combineWith: "AND" });
    if (!found.length) { found = entities.search(query); }
    var wanted = norm(query);
    found.forEach(function (hit, i) { hit.order = i; hit.rank = rank(hit, wanted); });
    found.sort(function (a, b) { return a.rank - b.rank || a.order - b.order; });
    return found.slice(0, 30);
  }
  function show(list, hits, text, note) {
    list.textContent = "";
    hits.forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + hit.id;
      link.textContent = text(hit);
      item.appendChild(link);
      item.appendChild(document.createTextNode(note(hit)));
      list.appendChild(item);
    });
  }
  function run() {
    var query = input.value.trim();
    if (!query) { status.textContent = ""; entityList.textContent = ""; lineList.textContent = ""; return; }
    var found = findEntities(query);
    var inText = lines.search(query).slice(0, 30);
    inText.sort(function (a, b) { return b.score - a.score || a.line - b.line; });
    status.textContent = found.length + (found.length === 1 ? " entity, " : " entities, ") +
      inText.length + (inText.length === 1 ? " line of the paper" : " lines of the paper") +
      (inText.length === 30 ? " (the first 30)" : "");
    show(entityList, found, function (hit) { return hit.label; }, function (hit) { return " (" + hit.kind + ")"; });
    show(lineList, inText, function (hit) { return "line " + hit.line; }, function (hit) { return ": " + hit.text; });
  }
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", run);
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) { input.value = asked; run(); }
}());
