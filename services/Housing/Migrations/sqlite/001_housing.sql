-- The catalogue. Attributes are the JSON of the versioned API message PlacementAttributes; a unit's
-- effective attributes are its provider's, then its scheme's, then its own.
CREATE TABLE providers (
    provider_id     TEXT PRIMARY KEY,
    -- The agency whose housing officers keep this provider's schemes, units and vacancies.
    owner_agency    TEXT NOT NULL,
    name            TEXT NOT NULL,
    attributes_json TEXT NOT NULL,
    version         INTEGER NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE schemes (
    scheme_id       TEXT PRIMARY KEY,
    provider_id     TEXT NOT NULL REFERENCES providers (provider_id),
    name            TEXT NOT NULL,
    attributes_json TEXT NOT NULL,
    version         INTEGER NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX ix_schemes_provider ON schemes (provider_id);

CREATE TABLE units (
    unit_id         TEXT PRIMARY KEY,
    scheme_id       TEXT NOT NULL REFERENCES schemes (scheme_id),
    name            TEXT NOT NULL,
    attributes_json TEXT NOT NULL,
    version         INTEGER NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX ix_units_scheme ON units (scheme_id);

-- status: open, promised, let, withdrawn, expired. An open vacancy may be held by one offer until
-- hold_expires_at; a hold past its expiry counts as released.
CREATE TABLE vacancies (
    vacancy_id       TEXT PRIMARY KEY,
    unit_id          TEXT NOT NULL REFERENCES units (unit_id),
    available_from   TEXT NOT NULL,
    available_until  TEXT NULL,
    opened_at        TEXT NOT NULL,
    status           TEXT NOT NULL,
    held_by_offer_id TEXT NULL,
    hold_expires_at  TEXT NULL,
    closed_reason    TEXT NULL,
    closed_at        TEXT NULL,
    version          INTEGER NOT NULL
);
-- One live vacancy per unit.
CREATE UNIQUE INDEX ux_vacancies_live_unit ON vacancies (unit_id) WHERE status IN ('open', 'promised');
CREATE INDEX ix_vacancies_hold ON vacancies (status, hold_expires_at);

CREATE TABLE needs_profiles (
    person_id    TEXT PRIMARY KEY,
    profile_json TEXT NOT NULL,
    version      INTEGER NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by_agency TEXT NOT NULL
);

-- The latest shared risk level from safeguarding assessments.
CREATE TABLE person_risk_levels (
    person_id   TEXT PRIMARY KEY,
    risk_level  TEXT NOT NULL,
    agency      TEXT NOT NULL,
    assessed_at TEXT NOT NULL
);

-- Where a person has lived since when, from the registry's events; each point lasts until the next.
CREATE TABLE address_points (
    person_id       TEXT NOT NULL,
    local_authority TEXT NOT NULL,
    since           TEXT NOT NULL,
    PRIMARY KEY (person_id, since, local_authority)
);

-- status: offered, accepted, declined, withdrawn, expired, tenancy_started.
CREATE TABLE offers (
    offer_id            TEXT PRIMARY KEY,
    person_id           TEXT NOT NULL,
    vacancy_id          TEXT NOT NULL REFERENCES vacancies (vacancy_id),
    unit_id             TEXT NOT NULL,
    scheme_id           TEXT NOT NULL,
    provider_id         TEXT NOT NULL,
    agency              TEXT NOT NULL,
    status              TEXT NOT NULL,
    made_at             TEXT NOT NULL,
    hold_expires_at     TEXT NOT NULL,
    decided_at          TEXT NULL,
    decline_reason_code TEXT NULL,
    decline_note        TEXT NULL,
    parked_until        TEXT NULL,
    no_longer_fits_json TEXT NULL,
    version             INTEGER NOT NULL
);
CREATE INDEX ix_offers_person ON offers (person_id, status);
CREATE INDEX ix_offers_status ON offers (status, hold_expires_at);
-- One accepted offer per person, even when two acceptances race.
CREATE UNIQUE INDEX ux_offers_accepted_person ON offers (person_id) WHERE status = 'accepted';

CREATE TABLE tenancies (
    tenancy_id  TEXT PRIMARY KEY,
    offer_id    TEXT NOT NULL REFERENCES offers (offer_id),
    person_id   TEXT NOT NULL,
    unit_id     TEXT NOT NULL,
    scheme_id   TEXT NOT NULL,
    provider_id TEXT NOT NULL,
    agency      TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    ended_at    TEXT NULL,
    end_kind    TEXT NULL,
    end_reason  TEXT NULL,
    version     INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_tenancies_offer ON tenancies (offer_id);
CREATE INDEX ix_tenancies_person ON tenancies (person_id);
CREATE INDEX ix_tenancies_provider ON tenancies (provider_id, scheme_id);
