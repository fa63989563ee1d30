"""Bodies of the web commands (serve, org, user, token); cli.py only registers them."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING

from trocha.config import Settings, settings
from trocha.errors import TrochaError

if TYPE_CHECKING:
    from trocha.store import Store
    from trocha.store.guarded import Guarded, Org

COMMANDS = ("serve", "org", "user", "token")
ROLES = ("viewer", "analyst", "admin")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the web and access-control commands on the main parser."""
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", help="database URL (default: TROCHA_DATABASE_URL, else SQLite at TROCHA_DB_PATH)")

    srv = sub.add_parser("serve", parents=[db], help="run the dashboard and JSON API (docs/web.md)")
    srv.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s, loopback)")
    srv.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    srv.add_argument("--workers", type=int, default=1,
                     help="server processes (default: %(default)s); each has its own store connections and rate "
                     "limits")

    org = sub.add_parser("org", parents=[db], help="organisations")
    org_sub = org.add_subparsers(dest="org_command", required=True)
    oc = org_sub.add_parser("create", parents=[db], help="create an organisation")
    oc.add_argument("name")
    org_sub.add_parser("list", parents=[db], help="list organisations")

    usr = sub.add_parser("user", parents=[db], help="dashboard users")
    usr_sub = usr.add_subparsers(dest="user_command", required=True)
    ua = usr_sub.add_parser("add", parents=[db], help="add a user to an organisation")
    ua.add_argument("username")
    ua.add_argument("--org", required=True, help="organisation name")
    ua.add_argument("--role", choices=ROLES, default="analyst")
    ua.add_argument("--password-env", metavar="VAR",
                    help="read the password from this environment variable (default: ask on the terminal)")

    tok = sub.add_parser("token", parents=[db], help="API tokens")
    tok_sub = tok.add_subparsers(dest="token_command", required=True)
    tc = tok_sub.add_parser("create", parents=[db], help="create a token; its secret is printed once")
    tc.add_argument("--org", required=True, help="organisation name")
    tc.add_argument("--name", required=True, help="what the token is for")
    tc.add_argument("--role", choices=ROLES, default="viewer")
    tc.add_argument("--days", type=int, help="lifetime in days (default: until revoked)")
    tr = tok_sub.add_parser("revoke", parents=[db], help="revoke a token by id")
    tr.add_argument("id", type=int)
    tl = tok_sub.add_parser("list", parents=[db], help="list tokens (never their secrets)")
    tl.add_argument("--org", help="only this organisation's")


def run(args: argparse.Namespace) -> int:
    """Run one web command; returns the exit status."""
    from trocha.store import open_store
    from trocha.store.guarded import Guarded

    config = settings()
    with open_store(args.db, config) as store:
        if args.command == "serve":
            return _serve(args, store, config)
        access = Guarded(store)
        if args.command == "org":
            if args.org_command == "create":
                org = access.create_org(args.name)
                print(f"organisation {org.name} (id {org.id})")
            else:
                for o in access.orgs():
                    print(f"{o.id}\t{o.name}")
            return 0
        if args.command == "user":
            org = _org(access, args.org)
            password = os.environ.get(args.password_env, "") if args.password_env else getpass.getpass("password: ")
            uid = access.add_user(org.id, args.username, password, args.role)
            print(f"user {args.username} (id {uid}, {args.role}) of {org.name}")
            return 0
        return _token(args, access)


def _org(access: Guarded, name: str) -> Org:
    org = access.find_org(name)
    if org is None:
        raise TrochaError(f"no organisation named {name!r} (trocha org create NAME)")
    return org


def _token(args: argparse.Namespace, access: Guarded) -> int:
    if args.token_command == "create":
        org = _org(access, args.org)
        secret, token_id = access.issue_token(org.id, args.name, args.role, args.days)
        print(f"token {token_id} ({args.role}) of {org.name}; keep this secret, it is not shown again:",
              file=sys.stderr)
        print(secret)
        return 0
    if args.token_command == "revoke":
        if not access.revoke_token(args.id):
            raise TrochaError(f"no live token with id {args.id}")
        print(f"token {args.id} revoked", file=sys.stderr)
        return 0
    org_id = None
    if args.org:
        org_id = _org(access, args.org).id
    for t in access.tokens(org_id):
        state = "revoked" if t.revoked_at else ("expires " + t.expires_at.isoformat() if t.expires_at else "live")
        print(f"{t.id}\t{t.org}\t{t.name}\t{t.role}\t{t.created_at:%Y-%m-%d}\t{state}")
    return 0


def _serve(args: argparse.Namespace, store: Store, config: Settings) -> int:
    import uvicorn

    from trocha.web import create_app

    print(f"trocha: serving on http://{args.host}:{args.port}/ (API docs at /docs)", file=sys.stderr)
    if args.workers > 1:
        from trocha.serving import run_workers

        # Each worker process opens the store itself (connections cannot cross processes): pass it the resolved URL,
        # and keep no idle connection here while they serve.
        url = store.engine.url.render_as_string(hide_password=False)
        store.close()
        return run_workers(url, args.host, args.port, args.workers)
    uvicorn.run(create_app(store, config), host=args.host, port=args.port, log_level="warning")
    return 0

