"""The analysts' report site (`lanzarote-kg site`, dist/site/): a page per
report with its table, downloads and chart, a page per entity with every
statement and its evidence, the source text with a line anchor on every
line, and a search over labels. Static HTML from Jinja2 templates, charts
drawn to SVG at build time; see build.py for the order of the steps."""
