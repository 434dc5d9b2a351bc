import { NotFoundPanel } from "@/components/shell/not-found-panel";

export default function NotFound() {
  return <NotFoundPanel what="Task" backHref="/tasks" backLabel="Back to tasks" />;
}
