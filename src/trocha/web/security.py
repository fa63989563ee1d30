"""Who is asking (API token or session cookie), whether they may, and how often: auth, roles, CSRF, rate limits."""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from dataclasses import dataclass

from fastapi import HTTPException, Request

from trocha.store.guarded import Guarded, Principal, Viewer

SESSION_COOKIE = "trocha_session"
LOGIN_CSRF_COOKIE = "trocha_login_csrf"


class ApiError(HTTPException):
    """A 4xx with a stable machine code and a sentence for people."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code


class TokenBucket:
    """In-memory token buckets per key (one server process; a restart refills them). Thread-safe."""

    def __init__(self, per_minute: int, burst: int) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(max(burst, 1))
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Spend one request of `key`; returns 0 when allowed, else the seconds to wait."""
        now = time.monotonic()
        with self._lock:
            level, last = self._buckets.get(key, (self.burst, now))
            level = min(self.burst, level + (now - last) * self.rate)
            if level >= 1.0:
                self._buckets[key] = (level - 1.0, now)
                return 0.0
            self._buckets[key] = (level, now)
            return (1.0 - level) / self.rate if self.rate > 0 else 60.0


@dataclass(frozen=True, slots=True)
class Caller:
    """An authenticated request: its principal, and whether it came with the session cookie (then CSRF applies)."""

    principal: Principal
    by_cookie: bool
    secret: str

    @property
    def viewer(self) -> Viewer:
        return Viewer(org_id=self.principal.org_id)


def same(a: str, b: str) -> bool:
    """Constant-time equality of two strings of any characters (compare_digest refuses non-ASCII str)."""
    return hmac.compare_digest(a.encode("utf-8", "surrogatepass"), b.encode("utf-8", "surrogatepass"))


def csrf_token(secret: str) -> str:
    """The CSRF token of a session: derived from its secret, which a foreign site can neither read nor guess."""
    return hmac.new(secret.encode("utf-8"), b"trocha-csrf", hashlib.sha256).hexdigest()[:40]


def guarded(request: Request) -> Guarded:
    """The viewer-scoped store of the app."""
    store: Guarded = request.app.state.guarded
    return store


def rate(request: Request, key: str) -> None:
    """429 when `key` has spent its requests."""
    wait = request.app.state.limiter.take(key)
    if wait > 0:
        raise ApiError(429, "rate_limited", "too many requests; slow down",
                       headers={"Retry-After": str(max(1, int(wait + 0.999)))})


def client_key(request: Request) -> str:
    """The rate-limit key of a request that has no token yet."""
    return f"ip:{request.client.host if request.client else '?'}"


def presented(request: Request) -> tuple[str, bool] | None:
    """The secret a request presents, from `Authorization: Bearer` or else the session cookie, and whether it came
    by cookie; None when there is none worth checking (401 for an Authorization header of another kind)."""
    header = request.headers.get("authorization", "")
    secret, by_cookie = "", False
    if header:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise ApiError(401, "unauthorized", "use 'Authorization: Bearer <token>'")
        secret = value.strip()
    else:
        secret, by_cookie = request.cookies.get(SESSION_COOKIE, ""), True
    if not secret or len(secret) > 200:
        return None
    return secret, by_cookie


def identify(request: Request) -> Caller | None:
    """The caller of a request, from `Authorization: Bearer` or the session cookie; None when neither is valid."""
    found = presented(request)
    if found is None:
        return None
    secret, by_cookie = found
    principal = guarded(request).authenticate(secret)
    return Caller(principal, by_cookie, secret) if principal else None


def caller(request: Request) -> Caller:
    """Dependency: an authenticated, rate-limited caller (401 otherwise); cookie callers need CSRF on writes."""
    found = identify(request)
    if found is None:
        rate(request, client_key(request))
        raise ApiError(401, "unauthorized", "a valid token or session is required", {"WWW-Authenticate": "Bearer"})
    rate(request, f"token:{found.principal.token_id}")
    if found.by_cookie and request.method not in ("GET", "HEAD", "OPTIONS"):
        sent = request.headers.get("x-csrf-token", "")
        if not same(sent, csrf_token(found.secret)):
            raise ApiError(403, "csrf", "missing or wrong X-CSRF-Token header")
    return found


def require(role: str, who: Caller) -> None:
    """403 unless the caller's role is at least `role`."""
    if not who.principal.may(role):
        raise ApiError(403, "forbidden", f"this needs the {role} role")
