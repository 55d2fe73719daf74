// A stock HubSpot portal for tests, in HubSpot's shapes: the default deal and company properties
// only, two pipelines (HubSpot's own stage ids and numeric ones), USD, three owners in two teams,
// deals in both pipelines (one in EUR), one closed, one owned by someone who left, one in a stage
// no pipeline has.
export interface FakeProperty {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  calculated?: boolean;
  modificationMetadata: { readOnlyValue: boolean; readOnlyDefinition: boolean; archivable: boolean };
  options?: { label: string; value: string; hidden: boolean; displayOrder: number }[];
}

const prop = (name: string, type: string, readOnly = false, calculated = false): FakeProperty => ({
  name,
  label: name.replace(/_/g, " "),
  type,
  fieldType: type === "number" ? "number" : type === "enumeration" ? "select" : "text",
  ...(calculated ? { calculated: true } : {}),
  modificationMetadata: { readOnlyValue: readOnly, readOnlyDefinition: true, archivable: false },
});

export const STOCK_DEAL_PROPERTIES: FakeProperty[] = [
  prop("hs_object_id", "number", true),
  prop("dealname", "string"),
  prop("amount", "number"),
  prop("amount_in_home_currency", "number", true, true),
  prop("deal_currency_code", "enumeration"),
  prop("closedate", "datetime"),
  prop("dealstage", "enumeration"),
  prop("pipeline", "enumeration"),
  prop("hubspot_owner_id", "enumeration"),
  prop("hs_next_step", "string"),
  prop("notes_next_activity_date", "datetime", true, true),
  prop("notes_last_contacted", "datetime", true, true),
  prop("notes_last_updated", "datetime", true, true),
  prop("hs_last_sales_activity_timestamp", "datetime", true, true),
  prop("hs_analytics_source", "enumeration", true, true),
  prop("closed_lost_reason", "string"),
  prop("closed_won_reason", "string"),
  prop("hs_lastmodifieddate", "datetime", true),
  prop("createdate", "datetime"),
];

export const STOCK_COMPANY_PROPERTIES: FakeProperty[] = [
  prop("hs_object_id", "number", true),
  prop("name", "string"),
  prop("domain", "string"),
  prop("numberofemployees", "number"),
  prop("hubspot_owner_id", "enumeration"),
  prop("hs_ideal_customer_profile", "enumeration"),
  prop("hs_lastmodifieddate", "datetime", true),
];

const stage = (id: string, label: string, displayOrder: number, probability: string, isClosed: boolean) => ({
  id,
  label,
  displayOrder,
  metadata: { isClosed: String(isClosed), probability },
  archived: false,
});

export const PIPELINES = [
  {
    id: "default",
    label: "Sales Pipeline",
    displayOrder: 0,
    archived: false,
    stages: [
      stage("appointmentscheduled", "Appointment Scheduled", 0, "0.2", false),
      stage("qualifiedtobuy", "Qualified To Buy", 1, "0.4", false),
      stage("contractsent", "Contract Sent", 2, "0.9", false),
      stage("closedwon", "Closed Won", 3, "1.0", true),
      stage("closedlost", "Closed Lost", 4, "0.0", true),
    ],
  },
  {
    id: "87654321",
    label: "Renewals",
    displayOrder: 1,
    archived: false,
    stages: [
      stage("1001", "Renewal Open", 0, "0.5", false),
      stage("1002", "Renewed", 1, "1.0", true),
      stage("1003", "Churned", 2, "0.0", true),
    ],
  },
];

export interface FakeOwner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  archived?: boolean;
  teams?: { id: string; name: string; primary: boolean }[];
}

export interface FakePortal {
  portalId: number;
  companyCurrency: string;
  owners: FakeOwner[];
  /** Properties by name, strings as HubSpot sends them; `hs_object_id` is the id. */
  deals: Record<string, string | null>[];
  companies: Record<string, string | null>[];
  /** deal id → company ids, the first one primary. */
  dealCompanies: Record<string, string[]>;
  dealProperties?: FakeProperty[];
  companyProperties?: FakeProperty[];
}

const deal = (id: string, values: Record<string, string | null>): Record<string, string | null> => ({
  hs_object_id: id,
  pipeline: "default",
  deal_currency_code: null,
  amount_in_home_currency: null,
  hs_next_step: null,
  notes_next_activity_date: null,
  notes_last_updated: null,
  hs_last_sales_activity_timestamp: null,
  closed_lost_reason: null,
  closed_won_reason: null,
  createdate: "2026-01-05T10:00:00.000Z",
  hs_lastmodifieddate: "2026-03-01T10:00:00.000Z",
  ...values,
});

export function stockPortal(): FakePortal {
  return {
    portalId: 4455667,
    companyCurrency: "USD",
    owners: [
      {
        id: "11",
        email: "Ava@acme.test",
        firstName: "Ava",
        lastName: "Reyes",
        teams: [{ id: "1", name: "East", primary: true }],
      },
      {
        id: "12",
        email: "ben@acme.test",
        firstName: "Ben",
        lastName: "Okafor",
        teams: [{ id: "1", name: "East", primary: true }],
      },
      {
        id: "13",
        email: "maya@acme.test",
        firstName: "Maya",
        lastName: "Lind",
        teams: [{ id: "2", name: "Leads", primary: true }],
      },
    ],
    deals: [
      deal("101", {
        dealname: "Acme new seats",
        dealstage: "appointmentscheduled",
        amount: "20000",
        closedate: "2026-04-30T16:00:00.000Z",
        hubspot_owner_id: "11",
        hs_next_step: "Send the proposal to their CFO",
        notes_next_activity_date: "2026-03-12T14:00:00.000Z",
        hs_last_sales_activity_timestamp: "2026-03-05T14:00:00.000Z",
      }),
      deal("102", {
        dealname: "Globex renewal",
        pipeline: "87654321",
        dealstage: "1001",
        amount: "9600",
        deal_currency_code: "EUR",
        amount_in_home_currency: "10105.26",
        closedate: "2026-03-01T16:00:00.000Z",
        hubspot_owner_id: "12",
        hs_last_sales_activity_timestamp: "2026-03-09T14:00:00.000Z",
      }),
      deal("103", {
        dealname: "Initech pilot",
        dealstage: "closedlost",
        amount: "4000",
        closedate: "2026-03-02T16:00:00.000Z",
        hubspot_owner_id: "11",
      }),
      deal("104", {
        dealname: "Umbrella (owner left)",
        dealstage: "qualifiedtobuy",
        amount: "1000",
        closedate: "2026-05-01T16:00:00.000Z",
        hubspot_owner_id: "99",
      }),
      deal("105", {
        dealname: "Hooli (stage gone)",
        dealstage: "9999",
        amount: "1000",
        closedate: "2026-05-01T16:00:00.000Z",
        hubspot_owner_id: "11",
      }),
      deal("106", {
        dealname: "Old loss",
        dealstage: "closedlost",
        amount: "1000",
        closedate: "2025-11-01T16:00:00.000Z",
        hubspot_owner_id: "11",
      }),
    ],
    companies: [
      {
        hs_object_id: "501",
        name: "Acme",
        domain: "acme.test",
        numberofemployees: "50",
        hubspot_owner_id: "11",
        hs_ideal_customer_profile: "tier_1",
      },
      {
        hs_object_id: "502",
        name: "Globex",
        domain: "globex.test",
        numberofemployees: "300",
        hubspot_owner_id: "12",
        hs_ideal_customer_profile: null,
      },
    ],
    dealCompanies: { "101": ["501"], "102": ["502", "501"], "103": ["501"] },
  };
}
