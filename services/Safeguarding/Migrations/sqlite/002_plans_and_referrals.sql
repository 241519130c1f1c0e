-- Multi-agency safeguarding plans for a person or a household. Risks and participants are kept
-- whole as JSON; the columns beside them are what worklists select and order by. review_due_at is
-- the earlier of the next review and an urgent review an event asked for.
CREATE TABLE plans (
    plan_id                  TEXT PRIMARY KEY,
    person_id                TEXT NOT NULL,
    concern_id               TEXT NULL REFERENCES concerns (concern_id),
    lead_agency              TEXT NOT NULL,
    lead_professional        TEXT NOT NULL,
    area                     TEXT NOT NULL,
    status                   TEXT NOT NULL,
    level                    TEXT NOT NULL,
    risks_json               TEXT NOT NULL,
    participants_json        TEXT NOT NULL,
    named_agencies           TEXT NOT NULL,
    family_involvement       TEXT NOT NULL,
    next_review_at           TEXT NULL,
    urgent_review_reason     TEXT NULL,
    urgent_review_at         TEXT NULL,
    review_due_at            TEXT NULL,
    agreed_at                TEXT NOT NULL,
    agreed_by                TEXT NOT NULL,
    closed_at                TEXT NULL,
    close_reason             TEXT NULL,
    think_family_referral_id TEXT NULL,
    version                  INTEGER NOT NULL
);
CREATE INDEX ix_plans_person ON plans (person_id, agreed_at);
CREATE INDEX ix_plans_area_review ON plans (area, status, review_due_at, plan_id);
CREATE INDEX ix_plans_agency_review ON plans (lead_agency, status, review_due_at, plan_id);

-- The members of a plan: the person it is about, and for a household the other adults and children.
CREATE TABLE plan_members (
    plan_id   TEXT NOT NULL REFERENCES plans (plan_id),
    person_id TEXT NOT NULL,
    role      TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (plan_id, person_id)
);
CREATE INDEX ix_plan_members_person ON plan_members (person_id, plan_id);

-- The actions of a plan, each with an owning agency and role and a due date. Person and area are
-- copied from the plan so the worklists read this table alone; overdue_raised_at says that
-- ActionOverdue was published for the current due date.
CREATE TABLE plan_actions (
    action_id         TEXT PRIMARY KEY,
    plan_id           TEXT NOT NULL REFERENCES plans (plan_id),
    person_id         TEXT NOT NULL,
    area              TEXT NOT NULL,
    position          INTEGER NOT NULL,
    description       TEXT NOT NULL,
    owner_agency      TEXT NOT NULL,
    owner_role        TEXT NOT NULL,
    due_at            TEXT NOT NULL,
    status            TEXT NOT NULL,
    completion_note   TEXT NULL,
    completed_at      TEXT NULL,
    overdue_raised_at TEXT NULL
);
CREATE INDEX ix_plan_actions_plan ON plan_actions (plan_id, position);
CREATE INDEX ix_plan_actions_area_due ON plan_actions (area, status, due_at, action_id);
CREATE INDEX ix_plan_actions_agency_due ON plan_actions (owner_agency, status, due_at, action_id);
CREATE INDEX ix_plan_actions_overdue ON plan_actions (status, overdue_raised_at, due_at);

-- Every review of a plan, in the order of the plan's version it made.
CREATE TABLE plan_reviews (
    review_id      TEXT PRIMARY KEY,
    plan_id        TEXT NOT NULL REFERENCES plans (plan_id),
    version        INTEGER NOT NULL,
    reviewed_at    TEXT NOT NULL,
    reviewed_by    TEXT NOT NULL,
    agency         TEXT NOT NULL,
    note           TEXT NOT NULL,
    next_review_at TEXT NULL,
    urgent         INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_plan_reviews_plan ON plan_reviews (plan_id, version);

-- Referrals between agencies and areas (Think Family, MARAC, cross-boundary, other), with their status.
-- answer_due_at: when an unanswered referral lands on the receiving side's worklist.
CREATE TABLE referrals (
    referral_id    TEXT PRIMARY KEY,
    person_id      TEXT NOT NULL,
    kind           TEXT NOT NULL,
    from_agency    TEXT NOT NULL,
    from_area      TEXT NOT NULL,
    to_agency      TEXT NOT NULL,
    to_area        TEXT NOT NULL,
    to_service     TEXT NOT NULL,
    reason         TEXT NOT NULL,
    status         TEXT NOT NULL,
    decline_reason TEXT NULL,
    sent_at        TEXT NOT NULL,
    sent_by        TEXT NOT NULL,
    responded_at   TEXT NULL,
    responded_by   TEXT NULL,
    answer_due_at  TEXT NOT NULL,
    plan_id        TEXT NULL REFERENCES plans (plan_id),
    version        INTEGER NOT NULL
);
CREATE INDEX ix_referrals_person ON referrals (person_id, sent_at);
CREATE INDEX ix_referrals_to_area_due ON referrals (to_area, status, answer_due_at, referral_id);
CREATE INDEX ix_referrals_to_agency_due ON referrals (to_agency, status, answer_due_at, referral_id);
