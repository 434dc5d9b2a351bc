import { serve } from "inngest/next";
import { inngestClient, inngestFunctions, usesInngest } from "@/server/workflows/engine";

export const dynamic = "force-dynamic";

const notConfigured = () =>
  Response.json(
    { error: { code: "NOT_FOUND", message: "Inngest is not configured: workflows run on the in-process runner (see /api/health)." } },
    { status: 404 },
  );

const handlers = usesInngest ? serve({ client: inngestClient(), functions: inngestFunctions() }) : null;

export const GET = handlers?.GET ?? notConfigured;
export const POST = handlers?.POST ?? notConfigured;
export const PUT = handlers?.PUT ?? notConfigured;
