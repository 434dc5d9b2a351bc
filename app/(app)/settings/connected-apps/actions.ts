"use server";
// Settings → Connected apps: revoking one, as the signed-in person in their active organization.
import { revalidatePath } from "next/cache";
import { AppError } from "@/server/errors";
import { revokeConnectedApp } from "@/server/services/oauth/connections";
import { sessionServiceContext } from "./session-context";

export async function revokeConnectedAppAction(id: string): Promise<{ error?: string }> {
  try {
    await revokeConnectedApp(await sessionServiceContext(), { id: String(id) });
  } catch (err) {
    if (err instanceof AppError) return { error: err.message };
    throw err;
  }
  revalidatePath("/settings/connected-apps");
  return {};
}
