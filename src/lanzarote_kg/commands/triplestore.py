"""serve, load: the graph in a SPARQL server; and the options with which
`report` runs on a remote endpoint. These commands talk to servers, so they
set up the network guard themselves: only the hosts they are given."""
from __future__ import annotations

import argparse
import os
import signal
import socket
import sys
import time
import urllib.parse
from pathlib import Path

from lanzarote_kg.core import netguard
from lanzarote_kg.core.errors import BuildFailure, UserError
from .common import layout_of

TRIG = "lanzarote-kg.trig"
DEADLINE_TIMEOUTS = 3  # load's default total deadline, in --timeout's
GRACE_SECONDS = 10.0  # = triplestore.versioned_load.GRACE_SECONDS (a test holds them equal; not imported at start-up)


class _Terminated(Exception):
    pass


def _allow_only(urls) -> None:
    """Reach only the hosts of these URLs. The guard sees the host name when
    resolving and the address when connecting, so resolve before blocking."""
    netguard.allow_network()
    hosts: set[str] = set()
    for host in filter(None, (urllib.parse.urlsplit(url).hostname for url in urls)):
        hosts.add(host)
        try:
            hosts.update(str(info[4][0]) for info in socket.getaddrinfo(host, None))
        except OSError:
            pass  # reported, with the URL, on first use
    netguard.block_network(allowed_hosts=tuple(sorted(hosts)))


def _http_options(args: argparse.Namespace):
    from lanzarote_kg.triplestore.http_client import Credentials, HttpOptions

    credentials = None
    if args.password_env and not args.user:
        raise UserError("LKG-T007", "--password-env needs --user")
    if args.user:
        password = ""
        if args.password_env:
            if args.password_env not in os.environ:
                raise UserError("LKG-T007", f"environment variable {args.password_env} is not set (--password-env)")
            password = os.environ[args.password_env]
        credentials = Credentials(args.user, password)
    deadline = getattr(args, "deadline", None)
    if deadline is None and getattr(args, "func", None) is cmd_load:
        deadline = DEADLINE_TIMEOUTS * args.timeout
    if deadline is not None and deadline <= 0:
        raise UserError("LKG-T006", f"--deadline {deadline:g}: give a positive number of seconds")
    return HttpOptions(timeout=args.timeout, retries=args.retries, credentials=credentials,
                       allow_basic_over_http=args.allow_basic_over_http, deadline=deadline)


def _http_arguments(parser: argparse.ArgumentParser, timeout: float) -> None:
    parser.add_argument("--user", help="user name for HTTP authentication, sent only when the server asks "
                        "(Digest; Basic only over https unless --allow-basic-over-http)")
    parser.add_argument("--password-env", metavar="VAR",
                        help="name of the environment variable holding the password (never the password itself)")
    parser.add_argument("--allow-basic-over-http", action="store_true",
                        help="answer a Basic challenge over plain http too (the password travels in clear)")
    parser.add_argument("--timeout", type=float, default=timeout, metavar="S",
                        help=f"seconds to wait on each request (default {timeout:g})")
    parser.add_argument("--retries", type=int, default=3, metavar="N",
                        help="retries on connection errors and HTTP 5xx, with exponential backoff (default 3)")


# --- report --endpoint -----------------------------------------------------------

def add_endpoint_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("remote endpoint")
    group.add_argument("--endpoint", metavar="URL", help="run the reports on this SPARQL 1.1 query endpoint")
    group.add_argument("--graph-base", metavar="IRI",
                       help="base of the graph names on the server, if loaded with load --graph-base")
    _http_arguments(group, 60.0)


def remote_report_source(args: argparse.Namespace):
    """(store, runner) for reports.run_report / write_all: the endpoint
    answers the report queries and the label look-ups. The dataset is the
    project's four named graphs (merged as the default graph, as locally),
    whatever the server's own default graph is; after `load --replace
    versioned`, their current versions."""
    from lanzarote_kg.core.namespaces import Graphs
    from lanzarote_kg.triplestore.http_client import HttpClient
    from lanzarote_kg.triplestore.loader import rename_graph
    from lanzarote_kg.triplestore.remote_reports import remote_source

    options = _http_options(args)
    _allow_only([args.endpoint])
    graphs = tuple(rename_graph(str(g), args.graph_base) for g in Graphs.ALL)
    # After a versioned load, the graphs to read are the current versions, re-read after each query.
    return remote_source(args.endpoint, HttpClient(options), graphs)


# --- load ------------------------------------------------------------------------

def cmd_load(args: argparse.Namespace) -> int:
    from lanzarote_kg.triplestore.loader import LoadOptions, Replace, load

    layout = layout_of(args)
    if args.replace == "versioned":
        return _load_versioned(args, Path(args.file) if args.file else layout.root / "dist" / TRIG)
    options = LoadOptions(
        graph_store=args.graph_store, query_endpoint=args.query_endpoint, update_endpoint=args.update_endpoint,
        file=Path(args.file) if args.file else layout.root / "dist" / TRIG, graph_base=args.graph_base,
        replace=Replace(args.replace), content_type=args.content_type, http=_http_options(args))
    _allow_only([u for u in (args.graph_store, args.query_endpoint, args.update_endpoint) if u])
    report = load(options)
    width = max([len("graph")] + [len(r.graph) for r in report.results])
    print(f"{'graph':<{width}}  {'sent':>9}  {'found':>9}  {'seconds':>8}  status")
    for r in report.results:
        found = "-" if r.found is None else str(r.found)
        print(f"{r.graph:<{width}}  {r.sent:>9}  {found:>9}  {r.seconds:>8.2f}  {'OK' if r.ok else 'FAILED'}")
    sys.stdout.flush()
    if report.error is not None:
        raise report.error
    failed = [r for r in report.results if not r.ok]
    if failed:
        raise BuildFailure("LKG-T011", f"{len(failed)} graph(s) do not hold what was sent",
                           [f"{r.graph}: {r.problem}" for r in failed])
    return 0


def _load_versioned(args: argparse.Namespace, file: Path) -> int:
    from lanzarote_kg.triplestore.http_client import HttpClient
    from lanzarote_kg.triplestore.sparql_protocol import update_endpoint_for
    from lanzarote_kg.triplestore.versioned_load import VersionedLoader

    update = args.update_endpoint or update_endpoint_for(args.graph_store)
    if not update:
        raise UserError("LKG-T012", "give --update-endpoint: the versioned load switches graphs with SPARQL Update")
    if args.graph_base:
        raise UserError("LKG-T006", "--graph-base does not apply to --replace versioned (graphs keep their names "
                                    "and get /v/<version> versions)")
    _allow_only([u for u in (args.graph_store, args.query_endpoint, update) if u])
    loader = VersionedLoader(args.graph_store, args.query_endpoint, update, HttpClient(_http_options(args)),
                             parallel=args.parallel, grace=args.grace)
    report = loader.reload(file, drop_superseded=False)
    for graph, found in report.graphs.items():
        print(f"{graph}  {found:>9}  -> {graph}/v/{report.version}")
    print("seconds: " + ", ".join(f"{stage} {spent:.2f}" for stage, spent in report.stages.items()), flush=True)
    if not report.ok:
        raise BuildFailure("LKG-T011", "the new version does not hold what was sent", [report.problem])
    print(f"readers now use version {report.version}", flush=True)
    if report.superseded:
        loader.wait_for_readers()  # readers that read the pointer before the switch finish on the old version
        start = time.perf_counter()
        loader.drop_superseded(report.superseded)
        print(f"dropped {len(report.superseded)} superseded version graph(s) in {time.perf_counter() - start:.2f} s")
    return 0


# --- serve -----------------------------------------------------------------------

def cmd_serve(args: argparse.Namespace) -> int:
    from lanzarote_kg.triplestore.server import HOST, LocalEndpoint, ServeOptions

    netguard.block_network(allowed_hosts=(HOST,))
    graph_file = Path(args.graph) if args.graph else layout_of(args).root / "dist" / TRIG
    local = LocalEndpoint(ServeOptions(graph_file, args.port, args.writable))
    site = _site_server(args, graph_file, args.port)

    def terminate(signum, frame):
        raise _Terminated()
    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        server = local.start()
        served = local.verify()
        mode = "read-write" if args.writable else "read-only"
        print(f"serving {graph_file} ({mode}): {len(served)} named graphs, {sum(n for _, n in served)} triples")
        print(f"query endpoint: {server.query_url}")
        if args.writable:
            print(f"update endpoint: {server.update_url}\ngraph store: {server.store_url}")
        print("queries without GRAPH see the union of all named graphs (--union-default-graph)")
        # Oxigraph's own query UI (YASGUI) asks prefix.cc for prefixes it
        # does not know; the site's query page fetches nothing.
        print(f"query UI (Oxigraph's; it looks unknown prefixes up on prefix.cc): {server.base_url}/")
        if site is not None:
            url = site.start().url
            print(f"query UI: {url}query-ui (nothing is fetched off this machine)")
            print(f"query page (SPARQL in the browser, nothing fetched): {url}query.html")
            if site.site_dir is not None:
                print(f"report site: {url} ({site.site_dir})")
            print(f"entities: {url}id/... (Accept: text/turtle, application/n-triples, application/ld+json; "
                  "text/html: the entity's page)")
            print(f"dataset description: {url}.well-known/void; SPARQL examples: {url}.well-known/sparql-examples")
        print(f"store: {local.workdir} (removed on exit); press Ctrl-C to stop", flush=True)
        status = server.process.wait()
        raise UserError("LKG-T009", f"the Oxigraph server stopped (status {status}): {server.log_tail()}")
    except KeyboardInterrupt:
        return 130
    except _Terminated:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if site is not None:
            site.stop()
        local.close()


def _site_server(args: argparse.Namespace, graph_file: Path, endpoint_port: int):
    """The Linked Data server beside the endpoint: the report site (--site,
    else dist/site/ when written), the entity IRIs, /.well-known/ and the
    query UI; None with --no-site."""
    from lanzarote_kg.triplestore.linked_data import LinkedDataServer

    if args.no_site:
        return None
    directory = Path(args.site) if args.site else graph_file.parent / "site"
    if not args.site and not (directory / "index.html").exists():
        print(f"no report site in {directory} (write it with `lanzarote-kg site`)")
        directory = None
    return LinkedDataServer(graph_file.parent, endpoint_port, directory, args.site_port)


def register(sub) -> None:
    serve = sub.add_parser("serve", help="a local SPARQL endpoint over the built graph (Oxigraph)",
                           description="Load dist/lanzarote-kg.trig into a temporary Oxigraph store and serve it on "
                           "127.0.0.1 only, read-only unless --writable. Queries without GRAPH see every named graph "
                           "(--union-default-graph). Ctrl-C stops the server and removes the store.")
    serve.add_argument("--port", type=int, default=7878, help="port on 127.0.0.1 (default 7878)")
    serve.add_argument("--writable", action="store_true",
                       help="also serve /update and /store (changes are lost when the server stops)")
    serve.add_argument("--graph", metavar="FILE", help=f"a TriG or N-Quads file instead of dist/{TRIG}")
    serve.add_argument("--site", metavar="DIR", help="the report site to serve beside the endpoint (default dist/site)")
    serve.add_argument("--site-port", type=int, default=0,
                       help="port on 127.0.0.1 for the report site (default: a free port, printed)")
    serve.add_argument("--no-site", action="store_true",
                       help="serve the endpoint only (no report site, entity IRIs, /.well-known/ or query UI)")
    serve.set_defaults(func=cmd_serve, network=True)

    load = sub.add_parser("load", help="load the named graphs into a SPARQL 1.1 server and verify them",
                          description="Send each named graph with the SPARQL 1.1 Graph Store HTTP Protocol (PUT, so "
                          "a reload replaces), then check through the query endpoint that each graph holds exactly "
                          "the triples sent. By default each graph goes to a staging graph first and is moved into "
                          "place with SPARQL Update MOVE, so a failed upload never touches the loaded graph. Exit 0 "
                          "only when every graph is verified. See docs/TRIPLESTORE.md.")
    load.add_argument("--graph-store", required=True, metavar="URL", help="Graph Store Protocol endpoint")
    load.add_argument("--query-endpoint", required=True, metavar="URL", help="SPARQL query endpoint")
    load.add_argument("--update-endpoint", metavar="URL",
                      help="SPARQL update endpoint (default: derived from --graph-store for Oxigraph, Fuseki, "
                      "GraphDB and Virtuoso)")
    load.add_argument("--graph-base", metavar="IRI", help="replace the graph names' base https://w3id.org/lanzarote-kg/graph/")
    load.add_argument("--file", help=f"a TriG or N-Quads file (default dist/{TRIG})")
    load.add_argument("--replace", choices=["staged", "direct", "versioned"], default="staged",
                      help="staged: via a staging graph and MOVE (default); direct: PUT in place, only for servers "
                      "whose PUT is atomic (Oxigraph 0.5.13); versioned: Oxigraph's bulk loader into new "
                      "<graph>/v/<version> graphs, verified, then switched in one update (no copy)")
    load.add_argument("--parallel", type=int, default=2, metavar="N",
                      help="--replace versioned: requests at once for the bulk load, the read-back and the drop "
                      "of the old version (default 2; about the server's cores)")
    load.add_argument("--grace", type=float, default=GRACE_SECONDS, metavar="S",
                      help="--replace versioned: seconds the superseded version is kept after the switch, for "
                      f"readers that started before it (default {GRACE_SECONDS:g})")
    load.add_argument("--content-type", choices=["application/n-triples", "text/turtle"],
                      default="application/n-triples", help="media type of the payload (N-Triples either way)")
    _http_arguments(load, 300.0)
    load.add_argument("--deadline", type=float, metavar="S",
                      help=f"seconds for the whole load, retries and cleanup included (default {DEADLINE_TIMEOUTS} "
                      "times --timeout); past it the load stops with LKG-T020 and leaves the loaded graphs as they were")
    load.set_defaults(func=cmd_load, network=True)
