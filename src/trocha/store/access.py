"""Organisations, users, tokens and who may read each article: the SQL of access control (docs/web.md)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from trocha.store import views
from trocha.store.articles import now
from trocha.store.compiled import fetch_all
from trocha.store.engine import StoreError
from trocha.store.schema import api_tokens, article_access, article_shares, articles, orgs, users

ROLES = ("viewer", "analyst", "admin")
VISIBILITIES = ("public", "private", "shared")
# scrypt cost: 2**14 x 8 x 1 needs 16 MiB and ~50 ms; the standard library has it, so no native dependency.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


@dataclass(frozen=True, slots=True)
class Org:
    """An organisation."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is asking: the organisation, user and role a token or session stands for; `token_id` keys rate limits."""

    org_id: int
    org: str
    role: str
    token_id: int
    user: str | None = None
    expires_at: datetime | None = None  # UTC, naive (store/articles.py now)

    def may(self, role: str) -> bool:
        """Whether this principal's role is at least `role` (viewer < analyst < admin)."""
        return ROLES.index(self.role) >= ROLES.index(role)

    def live(self) -> bool:
        """Whether its token has not expired yet (a principal kept across requests is checked again each time)."""
        return self.expires_at is None or self.expires_at > now()


@dataclass(frozen=True, slots=True)
class Viewer:
    """Whose eyes a read is for: an organisation (public + own + shared with it), the public, or everything (CLI)."""

    org_id: int | None = None
    everything: bool = False


@dataclass(frozen=True, slots=True)
class TokenRow:
    """A token as listed to an administrator (never its secret)."""

    id: int
    org: str
    name: str
    kind: str
    role: str
    user: str | None
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class Access:
    """The visibility an article is stored with: owner organisation, public/private/shared and the partners."""

    org_id: int
    visibility: str = "private"
    shared_with: tuple[int, ...] = ()


def hash_password(password: str) -> str:
    """A salted scrypt hash in a self-describing string, so the cost can be raised later."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    """Whether `password` matches a stored hash (constant-time comparison)."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        got = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(digest) // 2)
    except (ValueError, TypeError):
        return False
    return kind == "scrypt" and hmac.compare_digest(got.hex(), digest)


def token_hash(secret: str) -> str:
    """The stored form of a token secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_org(conn: sa.Connection, name: str) -> Org:
    """A new organisation (names are unique)."""
    name = name.strip()
    if not name:
        raise StoreError("an organisation needs a name")
    if conn.execute(sa.select(orgs.c.id).where(orgs.c.name == name)).first():
        raise StoreError(f"organisation {name!r} exists already")
    res = conn.execute(orgs.insert().values(name=name, created_at=now()))
    return Org(int(res.inserted_primary_key[0]), name)  # type: ignore[index]


def find_org(conn: sa.Connection, name: str) -> Org | None:
    """The organisation with this name."""
    row = conn.execute(sa.select(orgs.c.id, orgs.c.name).where(orgs.c.name == name)).first()
    return Org(int(row[0]), str(row[1])) if row else None


def list_orgs(conn: sa.Connection) -> list[Org]:
    """Every organisation, by name (shown as partners to share a report with)."""
    return [Org(int(i), str(n)) for i, n in conn.execute(sa.select(orgs.c.id, orgs.c.name).order_by(orgs.c.name))]


def add_user(conn: sa.Connection, org_id: int, username: str, password: str, role: str) -> int:
    """A new user of an organisation with a hashed password."""
    if role not in ROLES:
        raise StoreError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < 8:
        raise StoreError("a password needs at least 8 characters")
    if conn.execute(sa.select(users.c.id).where(users.c.username == username)).first():
        raise StoreError(f"user {username!r} exists already")
    res = conn.execute(users.insert().values(org_id=org_id, username=username, password_hash=hash_password(password),
                                             role=role, created_at=now()))
    return int(res.inserted_primary_key[0])  # type: ignore[index]


def sign_in(conn: sa.Connection, username: str, password: str, hours: int) -> tuple[str, Principal] | None:
    """A new session secret for a user whose password matches, else None (same answer for unknown users)."""
    row = conn.execute(sa.select(users.c.id, users.c.org_id, users.c.password_hash, users.c.role)
                       .where(users.c.username == username)).first()
    if row is None:
        check_password(password, hash_password("not a user"))  # same time as a wrong password
        return None
    if not check_password(password, str(row[2])):
        return None
    secret, _ = issue_token(conn, int(row[1]), f"session {username}", str(row[3]), "session", int(row[0]),
                            timedelta(hours=hours))
    found = authenticate(conn, secret)
    return (secret, found) if found else None


def issue_token(conn: sa.Connection, org_id: int, name: str, role: str, kind: str = "api",
                user_id: int | None = None, ttl: timedelta | None = None) -> tuple[str, int]:
    """A new random token; returns its secret (shown once, stored only hashed) and its id."""
    if role not in ROLES:
        raise StoreError(f"role must be one of {', '.join(ROLES)}")
    secret = "trk_" + secrets.token_urlsafe(32)
    t = now()
    res = conn.execute(api_tokens.insert().values(org_id=org_id, user_id=user_id, name=name, kind=kind, role=role,
                                                  token_hash=token_hash(secret), created_at=t,
                                                  expires_at=t + ttl if ttl else None))
    return secret, int(res.inserted_primary_key[0])  # type: ignore[index]


# Built once: every request runs it, and building a statement and its cache key each time cost more than running it.
_AUTHENTICATE = (sa.select(api_tokens.c.id, api_tokens.c.org_id, orgs.c.name, api_tokens.c.role,
                           api_tokens.c.expires_at, users.c.username)
                 .join(orgs, orgs.c.id == api_tokens.c.org_id)
                 .join(users, users.c.id == api_tokens.c.user_id, isouter=True)
                 .where(api_tokens.c.token_hash == sa.bindparam("token_hash"), api_tokens.c.revoked_at.is_(None)))


def authenticate(conn: sa.Connection, secret: str) -> Principal | None:
    """The principal of a live (not revoked, not expired) token or session secret."""
    return authenticate_hash(conn, token_hash(secret))


def authenticate_hash(conn: sa.Connection, digest: str) -> Principal | None:
    """authenticate() for a secret's token_hash."""
    rows = fetch_all(conn, _AUTHENTICATE, {"token_hash": digest})
    if not rows:
        return None
    row = rows[0]
    found = Principal(org_id=int(row[1]), org=str(row[2]), role=str(row[3]), token_id=int(row[0]), user=row[5],
                      expires_at=row[4])
    return found if found.live() else None


def revoke_token(conn: sa.Connection, token_id: int, org_id: int | None = None) -> bool:
    """Revoke a token (only within `org_id` when given); False when there is no such live token."""
    query = api_tokens.update().where(api_tokens.c.id == token_id, api_tokens.c.revoked_at.is_(None))
    if org_id is not None:
        query = query.where(api_tokens.c.org_id == org_id)
    return bool(conn.execute(query.values(revoked_at=now())).rowcount)


def list_tokens(conn: sa.Connection, org_id: int | None = None, kind: str | None = "api") -> list[TokenRow]:
    """Tokens (of one organisation when given), newest first."""
    query = (sa.select(api_tokens, orgs.c.name.label("org"), users.c.username)
             .join(orgs, orgs.c.id == api_tokens.c.org_id)
             .join(users, users.c.id == api_tokens.c.user_id, isouter=True).order_by(api_tokens.c.id.desc()))
    if org_id is not None:
        query = query.where(api_tokens.c.org_id == org_id)
    if kind:
        query = query.where(api_tokens.c.kind == kind)
    return [TokenRow(id=r["id"], org=r["org"], name=r["name"], kind=r["kind"], role=r["role"], user=r["username"],
                     created_at=r["created_at"], expires_at=r["expires_at"], revoked_at=r["revoked_at"])
            for r in conn.execute(query).mappings()]


def set_access(conn: sa.Connection, article_id: int, access: Access) -> None:
    """Record who may read an article (in the caller's transaction, so it is never briefly public), moving its
    events' counts to their new audiences and hiding the views of its incidents until the next merge."""
    set_access_many(conn, [article_id], access)


def set_access_many(conn: sa.Connection, article_ids: Sequence[int], access: Access) -> None:
    """set_access for many articles at once (imports, benchmarks): the same end state, with the counts moved in one
    pass instead of one per article."""
    if access.visibility not in VISIBILITIES:
        raise StoreError(f"visibility must be one of {', '.join(VISIBILITIES)}")
    ids = list(article_ids)
    views.add_counts(conn, ids, -1)
    partners = sorted({p for p in access.shared_with if p != access.org_id})
    for first in range(0, len(ids), 5000):
        chunk = ids[first:first + 5000]
        views.drop_views_of_articles(conn, chunk)
        conn.execute(article_shares.delete().where(article_shares.c.article_id.in_(chunk)))
        conn.execute(article_access.delete().where(article_access.c.article_id.in_(chunk)))
        conn.execute(article_access.insert(), [{"article_id": i, "org_id": access.org_id,
                                                "visibility": access.visibility} for i in chunk])
        if access.visibility == "shared" and partners:
            conn.execute(article_shares.insert(), [{"article_id": i, "org_id": p} for i in chunk for p in partners])
    views.add_counts(conn, ids, 1)


def visible(article_id: sa.ColumnElement[Any], viewer: Viewer) -> list[sa.ColumnElement[bool]]:
    """Conditions (empty for everything) under which the article `article_id` may be read by `viewer`."""
    if viewer.everything:
        return []
    return visible_to(article_id, viewer.org_id)


def visible_to(article_id: sa.ColumnElement[Any], org: int | sa.BindParameter[Any] | None
               ) -> list[sa.ColumnElement[bool]]:
    """Conditions under which the article `article_id` may be read by organisation `org` (an id, or a bind
    parameter that stands for one in a statement built once; None: the public)."""
    acc = article_access
    restricted = sa.exists().where(acc.c.article_id == article_id, acc.c.visibility != "public")
    if org is None:
        return [~restricted]
    own = sa.exists().where(acc.c.article_id == article_id, acc.c.org_id == org)
    # One subquery over both tables: a nested EXISTS is not correlated to the outer row by SQLAlchemy (it rendered
    # `FROM article_shares, events`, so one share with the viewer opened every shared article).
    shares = article_shares
    shared = (sa.select(shares.c.article_id).join(acc, acc.c.article_id == shares.c.article_id)
              .where(shares.c.article_id == article_id, shares.c.org_id == org,
                     acc.c.visibility == "shared").exists())
    return [sa.or_(~restricted, own, shared)]


def visible_ids(conn: sa.Connection, ids: list[int], viewer: Viewer) -> set[int]:
    """Which of these article ids `viewer` may read."""
    if not ids:
        return set()
    query = sa.select(articles.c.id).where(articles.c.id.in_(ids), *visible(articles.c.id, viewer))
    return {int(r[0]) for r in conn.execute(query)}


def access_of(conn: sa.Connection, article_id: int) -> tuple[str, str | None, list[str]]:
    """An article's visibility, owner organisation and partner names (shown to those who may read it)."""
    row = conn.execute(sa.select(article_access.c.visibility, orgs.c.name)
                       .join(orgs, orgs.c.id == article_access.c.org_id)
                       .where(article_access.c.article_id == article_id)).first()
    if row is None:
        return "public", None, []
    partners = [str(n) for (n,) in conn.execute(sa.select(orgs.c.name)
                                                .join(article_shares, article_shares.c.org_id == orgs.c.id)
                                                .where(article_shares.c.article_id == article_id)
                                                .order_by(orgs.c.name))]
    return str(row[0]), str(row[1]), partners
