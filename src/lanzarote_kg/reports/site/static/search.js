// Search over the labels and alternative labels of every entity, with
// MiniSearch over the prebuilt document list (search-index.js). The form is
// hidden until this script runs, so the page reads the same without it.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var documents = window.LKG_SEARCH_DOCUMENTS;
  if (!form || !documents || !window.MiniSearch) { return; }
  var input = form.querySelector("input");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var index = new window.MiniSearch({
    fields: ["label", "alt"], storeFields: ["label", "kind"],
    searchOptions: { prefix: true, fuzzy: 0.2, boost: { label: 2 } }
  });
  index.addAll(documents);
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("input", function () {
    var query = input.value.trim();
    results.textContent = "";
    if (!query) { status.textContent = ""; return; }
    var found = index.search(query).slice(0, 30);
    status.textContent = found.length + (found.length === 1 ? " match" : " matches");
    found.forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = hit.id;
      link.textContent = hit.label;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" (" + hit.kind + ")"));
      results.appendChild(item);
    });
  });
}());
