-- Multi-agency safeguarding plans for a person or a household. Risks and participants are kept
-- whole as JSON; the columns beside them are what worklists select and order by. review_due_at is
-- the earlier of the next review and an urgent review an event asked for.
CREATE TABLE dbo.plans (
    plan_id                  VARCHAR(36) NOT NULL CONSTRAINT pk_plans PRIMARY KEY,
    person_id                VARCHAR(36) NOT NULL,
    concern_id               VARCHAR(36) NULL CONSTRAINT fk_plans_concern REFERENCES dbo.concerns (concern_id),
    lead_agency              NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    lead_professional        NVARCHAR(200) NOT NULL,
    area                     VARCHAR(9) COLLATE Latin1_General_100_BIN2 NOT NULL,
    status                   VARCHAR(20) NOT NULL,
    level                    VARCHAR(20) NOT NULL,
    risks_json               NVARCHAR(MAX) NOT NULL,
    participants_json        NVARCHAR(MAX) NOT NULL,
    named_agencies           NVARCHAR(4000) NOT NULL,
    family_involvement       NVARCHAR(4000) NOT NULL,
    next_review_at           DATETIMEOFFSET NULL,
    urgent_review_reason     NVARCHAR(500) NULL,
    urgent_review_at         DATETIMEOFFSET NULL,
    review_due_at            DATETIMEOFFSET NULL,
    agreed_at                DATETIMEOFFSET NOT NULL,
    agreed_by                NVARCHAR(200) NOT NULL,
    closed_at                DATETIMEOFFSET NULL,
    close_reason             NVARCHAR(500) NULL,
    think_family_referral_id VARCHAR(36) NULL,
    version                  BIGINT NOT NULL
);
CREATE INDEX ix_plans_person ON dbo.plans (person_id, agreed_at);
CREATE INDEX ix_plans_area_review ON dbo.plans (area, status, review_due_at, plan_id);
CREATE INDEX ix_plans_agency_review ON dbo.plans (lead_agency, status, review_due_at, plan_id);

-- The members of a plan: the person it is about, and for a household the other adults and children.
CREATE TABLE dbo.plan_members (
    plan_id   VARCHAR(36) NOT NULL CONSTRAINT fk_plan_members_plan REFERENCES dbo.plans (plan_id),
    person_id VARCHAR(36) NOT NULL,
    role      VARCHAR(20) NOT NULL,
    position  INT NOT NULL,
    CONSTRAINT pk_plan_members PRIMARY KEY (plan_id, person_id)
);
CREATE INDEX ix_plan_members_person ON dbo.plan_members (person_id, plan_id);

-- The actions of a plan, each with an owning agency and role and a due date. Person and area are
-- copied from the plan so the worklists read this table alone; overdue_raised_at says that
-- ActionOverdue was published for the current due date.
CREATE TABLE dbo.plan_actions (
    action_id         VARCHAR(36) NOT NULL CONSTRAINT pk_plan_actions PRIMARY KEY,
    plan_id           VARCHAR(36) NOT NULL CONSTRAINT fk_plan_actions_plan REFERENCES dbo.plans (plan_id),
    person_id         VARCHAR(36) NOT NULL,
    area              VARCHAR(9) COLLATE Latin1_General_100_BIN2 NOT NULL,
    position          INT NOT NULL,
    description       NVARCHAR(4000) NOT NULL,
    owner_agency      NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    owner_role        NVARCHAR(200) NOT NULL,
    due_at            DATETIMEOFFSET NOT NULL,
    status            VARCHAR(20) NOT NULL,
    completion_note   NVARCHAR(4000) NULL,
    completed_at      DATETIMEOFFSET NULL,
    overdue_raised_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_plan_actions_plan ON dbo.plan_actions (plan_id, position);
CREATE INDEX ix_plan_actions_area_due ON dbo.plan_actions (area, status, due_at, action_id);
CREATE INDEX ix_plan_actions_agency_due ON dbo.plan_actions (owner_agency, status, due_at, action_id);
CREATE INDEX ix_plan_actions_overdue ON dbo.plan_actions (status, overdue_raised_at, due_at);

-- Every review of a plan, in the order of the plan's version it made.
CREATE TABLE dbo.plan_reviews (
    review_id      VARCHAR(36) NOT NULL CONSTRAINT pk_plan_reviews PRIMARY KEY,
    plan_id        VARCHAR(36) NOT NULL CONSTRAINT fk_plan_reviews_plan REFERENCES dbo.plans (plan_id),
    version        BIGINT NOT NULL,
    reviewed_at    DATETIMEOFFSET NOT NULL,
    reviewed_by    NVARCHAR(200) NOT NULL,
    agency         NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    note           NVARCHAR(4000) NOT NULL,
    next_review_at DATETIMEOFFSET NULL,
    urgent         BIT NOT NULL
);
CREATE UNIQUE INDEX ux_plan_reviews_plan ON dbo.plan_reviews (plan_id, version);

-- Referrals between agencies and areas (Think Family, MARAC, cross-boundary, other), with their status.
-- answer_due_at: when an unanswered referral lands on the receiving side's worklist.
CREATE TABLE dbo.referrals (
    referral_id    VARCHAR(36) NOT NULL CONSTRAINT pk_referrals PRIMARY KEY,
    person_id      VARCHAR(36) NOT NULL,
    kind           VARCHAR(40) NOT NULL,
    from_agency    NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    from_area      VARCHAR(9) COLLATE Latin1_General_100_BIN2 NOT NULL,
    to_agency      NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    to_area        VARCHAR(9) COLLATE Latin1_General_100_BIN2 NOT NULL,
    to_service     VARCHAR(100) NOT NULL,
    reason         NVARCHAR(4000) NOT NULL,
    status         VARCHAR(20) NOT NULL,
    decline_reason NVARCHAR(500) NULL,
    sent_at        DATETIMEOFFSET NOT NULL,
    sent_by        NVARCHAR(200) NOT NULL,
    responded_at   DATETIMEOFFSET NULL,
    responded_by   NVARCHAR(200) NULL,
    answer_due_at  DATETIMEOFFSET NOT NULL,
    plan_id        VARCHAR(36) NULL CONSTRAINT fk_referrals_plan REFERENCES dbo.plans (plan_id),
    version        BIGINT NOT NULL
);
CREATE INDEX ix_referrals_person ON dbo.referrals (person_id, sent_at);
CREATE INDEX ix_referrals_to_area_due ON dbo.referrals (to_area, status, answer_due_at, referral_id);
CREATE INDEX ix_referrals_to_agency_due ON dbo.referrals (to_agency, status, answer_due_at, referral_id);
