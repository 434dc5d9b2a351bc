import { NotFoundPanel } from "@/components/shell/not-found-panel";

export default function NotFound() {
  return <NotFoundPanel what="Template" backHref="/templates" backLabel="Back to templates" />;
}
