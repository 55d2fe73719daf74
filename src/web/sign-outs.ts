// Sign-out that holds on the server: per Slack user, the time they last signed out, kept in the
// store's settings. A session issued at or before it is refused, so signing out ends that person's
// sessions in every browser and on every replica, not just the cookie of the browser that asked.
import type { Store } from "../store/store.ts";

/** The part of the store the console keeps sign-outs in. */
export type ConsoleSettings = Pick<Store, "getSetting" | "setSetting">;

const keyOf = (userId: string) => `console.signedOutAt:${userId}`;

export class SignOuts {
  constructor(
    private readonly settings: ConsoleSettings,
    private readonly clock: () => Date,
  ) {}

  /** When `userId` last signed out, in milliseconds since the epoch; null when never. */
  async lastSignOut(userId: string): Promise<number | null> {
    const value = Number(await this.settings.getSetting(keyOf(userId)));
    return Number.isFinite(value) && value > 0 ? value : null;
  }

  /** Ends every session of `userId` issued until now. */
  async signOut(userId: string): Promise<void> {
    const now = this.clock();
    const before = (await this.lastSignOut(userId)) ?? 0;
    await this.settings.setSetting(keyOf(userId), String(Math.max(now.getTime(), before)), now);
  }

  /** Whether a session of `userId` issued at `signedInAt` was ended by a sign-out since. */
  async ended(userId: string, signedInAt: number): Promise<boolean> {
    const out = await this.lastSignOut(userId);
    return out !== null && signedInAt <= out;
  }
}
