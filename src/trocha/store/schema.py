"""The tables of the store as SQLAlchemy Core objects: the one description both SQLite and PostgreSQL are built from."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# Where articles come from: a feed of sources.toml, a folder, a JSONL file, a single URL.
sources = sa.Table(
    "sources", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(300), nullable=False, unique=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

# One row per distinct article. Identity is the canonical URL (when known) or the content fingerprint; a
# near-duplicate (syndicated copy, small edit) is stored with `near_dup_of` set and is not coded again.
articles = sa.Table(
    "articles", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), index=True),
    sa.Column("ext_id", sa.String(300), nullable=False),
    sa.Column("ref", sa.Text, nullable=False),
    sa.Column("url", sa.Text, unique=True),
    sa.Column("content_fp", sa.String(64), nullable=False, unique=True),
    # MinHash LSH bands of the word 3-shingles: a near-duplicate shares at least one band (then Jaccard decides).
    sa.Column("band0", sa.Integer, nullable=False, index=True),
    sa.Column("band1", sa.Integer, nullable=False, index=True),
    sa.Column("band2", sa.Integer, nullable=False, index=True),
    sa.Column("band3", sa.Integer, nullable=False, index=True),
    sa.Column("near_dup_of", sa.Integer, sa.ForeignKey("articles.id"), index=True),
    sa.Column("near_dup_similarity", sa.Float),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date, index=True),
    sa.Column("lang", sa.String(8)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("n_events", sa.Integer, nullable=False),
    sa.Column("ingested_at", sa.DateTime, nullable=False),
)

# Every field of the output contract (docs/schema.md) that an analyst filters on is a column; `data` keeps the
# whole event object so that fields added later (geography, borders) are never lost.
events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("event_id", sa.String(64), nullable=False, index=True),
    sa.Column("event_type", sa.String(60), nullable=False),
    sa.Column("sub_event_type", sa.String(80), nullable=False),
    sa.Column("disorder_type", sa.String(60)),
    sa.Column("action", sa.String(60), nullable=False),
    sa.Column("plover", sa.String(40)),
    sa.Column("plover_mode", sa.String(40)),
    sa.Column("cameo", sa.String(8)),
    sa.Column("quad_class", sa.Integer),
    sa.Column("goldstein", sa.Float),
    sa.Column("actor1", sa.String(200), index=True),
    sa.Column("actor1_inter", sa.Integer),
    sa.Column("actor1_cameo", sa.String(20)),
    sa.Column("actor1_country", sa.String(3)),
    sa.Column("actor2", sa.String(200), index=True),
    sa.Column("actor2_inter", sa.Integer),
    sa.Column("actor2_cameo", sa.String(20)),
    sa.Column("actor2_country", sa.String(3)),
    sa.Column("location", sa.Text),
    sa.Column("place_name", sa.Text),
    sa.Column("country", sa.String(100)),
    sa.Column("admin1", sa.String(200)),
    sa.Column("admin2", sa.String(200)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geo_precision", sa.String(20)),
    sa.Column("date", sa.Date, index=True),
    sa.Column("date_text", sa.Text),
    sa.Column("date_basis", sa.String(20)),
    sa.Column("fatalities", sa.Integer),
    sa.Column("background", sa.Boolean, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.UniqueConstraint("article_id", "ordinal", name="uq_events_article_ordinal"),
    sa.Index("ix_events_country_date", "country", "date"),
    sa.Index("ix_events_admin1_date", "admin1", "date"),
    sa.Index("ix_events_admin2_date", "admin2", "date"),
    sa.Index("ix_events_type_date", "event_type", "date"),
    sa.Index("ix_events_subtype_date", "sub_event_type", "date"),
)

# The spans each event rests on: its sentences ("sentence") and the span of each field ("actor1", "date", ...).
evidence = sa.Table(
    "evidence", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("field", sa.String(40), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

# One incident seen by one or more reports. `key` is the smallest sort key of its events, so a re-run of the merge
# gives the same key; the best-supported values are columns, the full picture (values per field with their sources,
# disagreements) is `summary`.
incidents = sa.Table(
    "incidents", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.String(120), nullable=False, unique=True),
    sa.Column("event_type", sa.String(60), nullable=False),
    sa.Column("sub_event_type", sa.String(80), nullable=False),
    sa.Column("date", sa.Date, index=True),
    sa.Column("date_min", sa.Date),
    sa.Column("date_max", sa.Date),
    sa.Column("country", sa.String(100)),
    sa.Column("admin1", sa.String(200)),
    sa.Column("admin2", sa.String(200)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("fatalities", sa.Integer),
    sa.Column("fatalities_min", sa.Integer),
    sa.Column("fatalities_max", sa.Integer),
    sa.Column("n_events", sa.Integer, nullable=False),
    sa.Column("n_articles", sa.Integer, nullable=False),
    sa.Column("summary", sa.JSON, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Index("ix_incidents_country_date", "country", "date"),
    sa.Index("ix_incidents_admin1_date", "admin1", "date"),
    sa.Index("ix_incidents_type_date", "event_type", "date"),
)

# Which incident each event belongs to, who decided ("auto" merge or an analyst's name) and why. Links made by an
# analyst are never replaced by the automatic merge, so a wrong merge is undone by one new link.
incident_links = sa.Table(
    "incident_links", metadata,
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("incident_id", sa.Integer, sa.ForeignKey("incidents.id"), nullable=False, index=True),
    sa.Column("method", sa.String(20), nullable=False),
    sa.Column("decided_by", sa.String(100), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("score", sa.Float),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

# Inputs that could not be stored or coded: where they were, why, and the first bytes. One row per (ref, reason);
# meeting the same bad input again bumps `seen` instead of adding a row.
rejected = sa.Table(
    "rejected", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("ref", sa.Text, nullable=False),
    sa.Column("reason", sa.String(60), nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("raw", sa.Text, nullable=False),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id")),
    sa.Column("first_seen", sa.DateTime, nullable=False),
    sa.Column("last_seen", sa.DateTime, nullable=False, index=True),
    sa.Column("seen", sa.Integer, nullable=False),
    sa.UniqueConstraint("ref", "reason", name="uq_rejected_ref_reason"),
)

# --- access control (migration 2; docs/web.md) ---------------------------------------------------------------------

# An organisation: a ministry's analysis unit, an NGO. Its users and tokens see public articles, its own private
# ones and those partners shared with it.
orgs = sa.Table(
    "orgs", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

# A person who signs in to the dashboard. The password is kept only as a salted scrypt hash (store/access.py).
users = sa.Table(
    "users", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("org_id", sa.Integer, sa.ForeignKey("orgs.id"), nullable=False, index=True),
    sa.Column("username", sa.String(200), nullable=False, unique=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

# API tokens and dashboard sessions: only the SHA-256 of the secret is stored (the secret is random, 256 bits, so a
# fast hash is enough). A revoked or expired row never authenticates again.
api_tokens = sa.Table(
    "api_tokens", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("org_id", sa.Integer, sa.ForeignKey("orgs.id"), nullable=False, index=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id")),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),  # api | session
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("expires_at", sa.DateTime),
    sa.Column("revoked_at", sa.DateTime),
)

# Who may read an article. No row means public (everything ingested from open sources); `private` is its owner
# organisation only; `shared` is its owner plus the organisations of article_shares.
article_access = sa.Table(
    "article_access", metadata,
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("org_id", sa.Integer, sa.ForeignKey("orgs.id"), nullable=False, index=True),
    sa.Column("visibility", sa.String(10), nullable=False),
)

article_shares = sa.Table(
    "article_shares", metadata,
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("org_id", sa.Integer, sa.ForeignKey("orgs.id"), primary_key=True, index=True),
)

ACCESS_TABLES = (orgs, users, api_tokens, article_access, article_shares)

# --- what each viewer sees, kept at write time (migration 3; docs/store.md) ----------------------------------------

# An incident as each audience sees it, written by the merge, so that a page of incidents is one indexed query.
# `audience` 0 is the public view (built from the public members only; also what an organisation without a view of
# its own sees); an organisation id N is the view of organisation N, present only for an incident with a member
# that is not public and that N may read. An incident made of public articles only has one row (audience 0, whole).
# `restricted`: the incident has a member that is not public (so an organisation may have a view of its own).
incident_views = sa.Table(
    "incident_views", metadata,
    sa.Column("incident_id", sa.Integer, sa.ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("audience", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("whole", sa.Boolean, nullable=False),
    sa.Column("restricted", sa.Boolean, nullable=False),
    sa.Column("key", sa.String(120), nullable=False),
    sa.Column("event_type", sa.String(60), nullable=False),
    sa.Column("sub_event_type", sa.String(80), nullable=False),
    sa.Column("date", sa.Date, index=True),
    sa.Column("country", sa.String(100)),
    sa.Column("admin1", sa.String(200)),
    sa.Column("admin2", sa.String(200)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("fatalities", sa.Integer),
    sa.Column("fatalities_min", sa.Integer),
    sa.Column("fatalities_max", sa.Integer),
    sa.Column("n_events", sa.Integer, nullable=False),
    sa.Column("n_articles", sa.Integer, nullable=False),
    # The view as the API lists it, in compact JSON (store/views.py list_json), so a page of incidents sends each
    # as it is instead of building and encoding an object per row (migration 7; '' only while it migrates).
    sa.Column("list_json", sa.Text, nullable=False, server_default=""),
)

# Event counts per day and per value of the aggregate keys, per audience (0: public events; N: the events of
# articles organisation N may read beyond the public ones), kept up to date by every article write. Aggregates
# whose filters all are columns here sum these rows instead of scanning events. Several rows may hold the same
# key (two writers adding the first events of a key at once); readers always sum.
event_counts = sa.Table(
    "event_counts", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("day", sa.Date, index=True),
    sa.Column("country", sa.String(100)),
    sa.Column("admin1", sa.String(200)),
    sa.Column("admin2", sa.String(200)),
    sa.Column("event_type", sa.String(60), nullable=False),
    sa.Column("sub_event_type", sa.String(80), nullable=False),
    sa.Column("background", sa.Boolean, nullable=False),
    sa.Column("audience", sa.Integer, nullable=False),
    sa.Column("n", sa.Integer, nullable=False),
)

VIEW_TABLES = (incident_views, event_counts)

# One row (id 1) whose `n` every committed write transaction of a Store adds one to (store/generation.py), in the same
# transaction: a server process that read n with a page can tell, by reading n again, whether anything it served
# may have changed since, in any process (migration 9).
store_generation = sa.Table(
    "store_generation", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("n", sa.BigInteger, nullable=False),
)

# The API's filters ignore case (`admin2=tame`): indexes on the folded column let lower(col) = ? use an index
# instead of walking every row of the date range (migration 4).
FOLDED_INDEXES = tuple(
    sa.Index(f"ix_{table.name}_lower_{name}_date", sa.func.lower(table.c[name]), table.c[date_col])
    for table, date_col in ((events, "date"), (incident_views, "date"))
    for name in ("country", "admin1", "admin2", "event_type", "sub_event_type")
)

# A page of incidents filtered by a place or type is a range of one of these (the list JSON included), in the page's
# (date, incident_id) order, instead of a row lookup per view scattered over the table (500 incidents of a country:
# 2.2-2.8 -> 1.3-1.5 ms of SQL on a million events). SQLite only (migration 8): PostgreSQL refuses an index entry
# over about 2.7 kB, which a long list JSON could pass, and reads its pages through its own shared buffers.
LISTED_INDEXES = tuple(
    sa.Index(f"ix_incident_views_listed_{name}", sa.func.lower(incident_views.c[name]), incident_views.c.date,
             incident_views.c.incident_id, incident_views.c.audience, incident_views.c.restricted,
             incident_views.c.whole, incident_views.c.list_json).ddl_if(dialect="sqlite")
    for name in ("country", "admin1", "admin2", "event_type", "sub_event_type")
)

# Aggregates sum `event_counts` over a date range of one place or type: these indexes hold every column such a
# count by type reads, so it is a range of one index instead of a row lookup per day and key (migration 6).
COUNT_INDEXES = tuple(
    sa.Index(f"ix_event_counts_lower_{name}_day", sa.func.lower(event_counts.c[name]), event_counts.c.day,
             event_counts.c.audience, event_counts.c.background, event_counts.c.event_type, event_counts.c.n)
    for name in ("country", "admin1", "admin2", "event_type", "sub_event_type")
)
