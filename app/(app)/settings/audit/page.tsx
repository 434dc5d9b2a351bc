import { AuditLogCard } from "@/components/settings/audit-log-card";

export const metadata = { title: "Audit log" };

export default function AuditPage() {
  return <AuditLogCard />;
}
