// Roles for a CRM that has no role field: admins are the ones the config names, a manager is the
// manager of at least one rep, and every other owner of a record is an account executive.
import type { Rep } from "./model.ts";

/**
 * The reps among `users`: owners of records (`owners`, lower-case emails), their managers up the
 * hierarchy, and the admins named in the config. Everyone else (service users, other teams) is dropped.
 */
export function deriveRoles(
  users: readonly Rep[],
  owners: ReadonlySet<string>,
  admins: readonly string[],
): Rep[] {
  const byEmail = new Map(users.map((user) => [user.email.toLowerCase(), user]));
  const adminEmails = new Set(
    admins.filter((admin) => admin.includes("@")).map((admin) => admin.toLowerCase()),
  );
  const managers = new Set<string>();
  // Walk up from every owner: a manager of a manager also gets the team view.
  for (const owner of owners) {
    let manager = byEmail.get(owner)?.managerEmail?.toLowerCase();
    while (manager && !managers.has(manager) && byEmail.has(manager)) {
      managers.add(manager);
      manager = byEmail.get(manager)?.managerEmail?.toLowerCase();
    }
  }
  const reps: Rep[] = [];
  for (const [email, user] of byEmail) {
    if (adminEmails.has(email)) reps.push({ ...user, role: "admin" });
    else if (managers.has(email)) reps.push({ ...user, role: "manager" });
    else if (owners.has(email)) reps.push({ ...user, role: "ae" });
  }
  return reps;
}
