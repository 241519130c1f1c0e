-- The catalogue. Attributes are the JSON of the versioned API message PlacementAttributes; a unit's
-- effective attributes are its provider's, then its scheme's, then its own.
CREATE TABLE dbo.providers (
    provider_id     VARCHAR(36) NOT NULL CONSTRAINT pk_providers PRIMARY KEY,
    -- The agency whose housing officers keep this provider's schemes, units and vacancies.
    owner_agency    NVARCHAR(100) NOT NULL,
    name            NVARCHAR(200) NOT NULL,
    attributes_json NVARCHAR(MAX) NOT NULL,
    version         BIGINT NOT NULL,
    updated_at      DATETIMEOFFSET NOT NULL
);

CREATE TABLE dbo.schemes (
    scheme_id       VARCHAR(36) NOT NULL CONSTRAINT pk_schemes PRIMARY KEY,
    provider_id     VARCHAR(36) NOT NULL CONSTRAINT fk_schemes_provider REFERENCES dbo.providers (provider_id),
    name            NVARCHAR(200) NOT NULL,
    attributes_json NVARCHAR(MAX) NOT NULL,
    version         BIGINT NOT NULL,
    updated_at      DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_schemes_provider ON dbo.schemes (provider_id);

CREATE TABLE dbo.units (
    unit_id         VARCHAR(36) NOT NULL CONSTRAINT pk_units PRIMARY KEY,
    scheme_id       VARCHAR(36) NOT NULL CONSTRAINT fk_units_scheme REFERENCES dbo.schemes (scheme_id),
    name            NVARCHAR(200) NOT NULL,
    attributes_json NVARCHAR(MAX) NOT NULL,
    version         BIGINT NOT NULL,
    updated_at      DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_units_scheme ON dbo.units (scheme_id);

-- status: open, promised, let, withdrawn, expired. An open vacancy may be held by one offer until
-- hold_expires_at; a hold past its expiry counts as released.
CREATE TABLE dbo.vacancies (
    vacancy_id       VARCHAR(36) NOT NULL CONSTRAINT pk_vacancies PRIMARY KEY,
    unit_id          VARCHAR(36) NOT NULL CONSTRAINT fk_vacancies_unit REFERENCES dbo.units (unit_id),
    available_from   DATETIMEOFFSET NOT NULL,
    available_until  DATETIMEOFFSET NULL,
    opened_at        DATETIMEOFFSET NOT NULL,
    status           VARCHAR(20) NOT NULL,
    held_by_offer_id VARCHAR(36) NULL,
    hold_expires_at  DATETIMEOFFSET NULL,
    closed_reason    NVARCHAR(200) NULL,
    closed_at        DATETIMEOFFSET NULL,
    version          BIGINT NOT NULL
);
-- One live vacancy per unit.
CREATE UNIQUE INDEX ux_vacancies_live_unit ON dbo.vacancies (unit_id) WHERE status IN ('open', 'promised');
CREATE INDEX ix_vacancies_hold ON dbo.vacancies (status, hold_expires_at);

CREATE TABLE dbo.needs_profiles (
    person_id         VARCHAR(36) NOT NULL CONSTRAINT pk_needs_profiles PRIMARY KEY,
    profile_json      NVARCHAR(MAX) NOT NULL,
    version           BIGINT NOT NULL,
    updated_at        DATETIMEOFFSET NOT NULL,
    updated_by_agency NVARCHAR(100) NOT NULL
);

-- The latest shared risk level from safeguarding assessments.
CREATE TABLE dbo.person_risk_levels (
    person_id   VARCHAR(36) NOT NULL CONSTRAINT pk_person_risk_levels PRIMARY KEY,
    risk_level  VARCHAR(20) NOT NULL,
    agency      NVARCHAR(100) NOT NULL,
    assessed_at DATETIMEOFFSET NOT NULL
);

-- Where a person has lived since when, from the registry's events; each point lasts until the next.
CREATE TABLE dbo.address_points (
    person_id       VARCHAR(36) NOT NULL,
    local_authority VARCHAR(9) NOT NULL,
    since           DATETIMEOFFSET NOT NULL,
    CONSTRAINT pk_address_points PRIMARY KEY (person_id, since, local_authority)
);

-- status: offered, accepted, declined, withdrawn, expired, tenancy_started.
CREATE TABLE dbo.offers (
    offer_id            VARCHAR(36) NOT NULL CONSTRAINT pk_offers PRIMARY KEY,
    person_id           VARCHAR(36) NOT NULL,
    vacancy_id          VARCHAR(36) NOT NULL CONSTRAINT fk_offers_vacancy REFERENCES dbo.vacancies (vacancy_id),
    unit_id             VARCHAR(36) NOT NULL,
    scheme_id           VARCHAR(36) NOT NULL,
    provider_id         VARCHAR(36) NOT NULL,
    agency              NVARCHAR(100) NOT NULL,
    status              VARCHAR(20) NOT NULL,
    made_at             DATETIMEOFFSET NOT NULL,
    hold_expires_at     DATETIMEOFFSET NOT NULL,
    decided_at          DATETIMEOFFSET NULL,
    decline_reason_code VARCHAR(50) NULL,
    decline_note        NVARCHAR(1000) NULL,
    parked_until        DATETIMEOFFSET NULL,
    no_longer_fits_json NVARCHAR(MAX) NULL,
    version             BIGINT NOT NULL
);
CREATE INDEX ix_offers_person ON dbo.offers (person_id, status);
CREATE INDEX ix_offers_status ON dbo.offers (status, hold_expires_at);
-- One accepted offer per person, even when two acceptances race.
CREATE UNIQUE INDEX ux_offers_accepted_person ON dbo.offers (person_id) WHERE status = 'accepted';

CREATE TABLE dbo.tenancies (
    tenancy_id  VARCHAR(36) NOT NULL CONSTRAINT pk_tenancies PRIMARY KEY,
    offer_id    VARCHAR(36) NOT NULL CONSTRAINT fk_tenancies_offer REFERENCES dbo.offers (offer_id),
    person_id   VARCHAR(36) NOT NULL,
    unit_id     VARCHAR(36) NOT NULL,
    scheme_id   VARCHAR(36) NOT NULL,
    provider_id VARCHAR(36) NOT NULL,
    agency      NVARCHAR(100) NOT NULL,
    started_at  DATETIMEOFFSET NOT NULL,
    ended_at    DATETIMEOFFSET NULL,
    end_kind    VARCHAR(30) NULL,
    end_reason  NVARCHAR(1000) NULL,
    version     BIGINT NOT NULL
);
CREATE UNIQUE INDEX ux_tenancies_offer ON dbo.tenancies (offer_id);
CREATE INDEX ix_tenancies_person ON dbo.tenancies (person_id);
CREATE INDEX ix_tenancies_provider ON dbo.tenancies (provider_id, scheme_id);
