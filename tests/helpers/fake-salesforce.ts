// A stand-in for the Salesforce REST API on loopback: the JWT token endpoint, paginated queries,
// describe and PATCH, counting requests per object. For the CLI run as a process, and the benchmark.
import { createServer, type Server } from "node:http";
import type { Snapshot } from "../../src/domain/model.ts";
import { DEFAULT_FIELD_MAP } from "../../src/sources/salesforce/field-map.ts";
import { queryPages, snapshotToSalesforce } from "./salesforce-fixtures.ts";

export interface FakeSalesforce {
  url: string;
  server: Server;
  /** Requests per object queried (User, Account, Opportunity), pages included. */
  queryRequests: Map<string, number>;
  tokenRequests: number;
  patches: { id: string; body: unknown }[];
  close(): Promise<void>;
}

function describeOf(map: Record<string, string>) {
  const fields: { name: string; relationshipName: string | null; referenceTo: string[] }[] = [];
  for (const path of Object.values(map)) {
    const [head, leaf] = path.split(".");
    if (leaf) fields.push({ name: `${head}Id`, relationshipName: head ?? null, referenceTo: ["User"] });
    else if (head) fields.push({ name: head, relationshipName: null, referenceTo: [] });
  }
  return { fields };
}

export async function startFakeSalesforce(snapshot: Snapshot, pageSize = 2_000): Promise<FakeSalesforce> {
  const records = snapshotToSalesforce(snapshot);
  const pages = new Map<string, Record<string, unknown>[]>([
    ["User", queryPages(records.users, pageSize, "users")],
    ["Account", queryPages(records.accounts, pageSize, "accounts")],
    ["Opportunity", queryPages(records.opportunities, pageSize, "opportunities")],
  ]);
  const byLocator = new Map<string, { object: string; page: Record<string, unknown> }>();
  for (const [object, list] of pages) {
    for (const [index, page] of list.entries()) {
      const next = list[index + 1];
      if (next && typeof page.nextRecordsUrl === "string")
        byLocator.set(page.nextRecordsUrl, { object, page: next });
    }
  }
  const userDescribe = describeOf({ ...DEFAULT_FIELD_MAP.user, isActive: "IsActive" });
  const fake: FakeSalesforce = {
    url: "",
    server: createServer(),
    queryRequests: new Map(),
    tokenRequests: 0,
    patches: [],
    close: () => new Promise((resolve) => fake.server.close(() => resolve())),
  };
  const count = (object: string) => fake.queryRequests.set(object, (fake.queryRequests.get(object) ?? 0) + 1);
  fake.server.on("request", (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const send = (status: number, body: unknown) => {
        res.writeHead(status, {
          "content-type": "application/json",
          "sforce-limit-info": "api-usage=42/15000",
        });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      if (url.pathname === "/services/oauth2/token") {
        fake.tokenRequests += 1;
        return send(200, { access_token: "00D!token", instance_url: fake.url, token_type: "Bearer" });
      }
      if (url.pathname.endsWith("/query")) {
        const object = /FROM (\w+)/.exec(url.searchParams.get("q") ?? "")?.[1] ?? "";
        count(object);
        return send(200, pages.get(object)?.[0] ?? { totalSize: 0, done: true, records: [] });
      }
      const next = byLocator.get(url.pathname);
      if (next) {
        count(next.object);
        return send(200, next.page);
      }
      const describe = /\/sobjects\/(\w+)\/describe$/.exec(url.pathname);
      if (describe) {
        const object = describe[1];
        if (object === "User") return send(200, userDescribe);
        return send(
          200,
          describeOf(object === "Account" ? DEFAULT_FIELD_MAP.account : DEFAULT_FIELD_MAP.opportunity),
        );
      }
      const patch = /\/sobjects\/Opportunity\/([^/]+)$/.exec(url.pathname);
      if (patch && req.method === "PATCH") {
        fake.patches.push({
          id: decodeURIComponent(patch[1] ?? ""),
          body: JSON.parse(Buffer.concat(chunks).toString() || "{}"),
        });
        return send(204, undefined);
      }
      return send(404, [{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }]);
    });
  });
  await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
  const address = fake.server.address();
  fake.url = `http://127.0.0.1:${address && typeof address === "object" ? address.port : 0}`;
  return fake;
}
