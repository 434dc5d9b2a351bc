import "server-only";
// The SVG behind each domain icon: the dashboard's indigo tile (app/icon.svg) with a lucide glyph
// in white, so it reads on light and dark backgrounds alike.
import { Activity, Bot, Building2, ChartColumn, Coins, FileCode, type LucideIcon, ListTodo, Package, Workflow } from "lucide-react";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { IconDomain } from "./icons";

const glyphs: Record<IconDomain, LucideIcon> = {
  tasks: ListTodo,
  agents: Bot,
  templates: FileCode,
  generations: Package,
  credits: Coins,
  usage: ChartColumn,
  org: Building2,
  automations: Workflow,
  runs: Activity,
};

const rendered = new Map<IconDomain, string>();

export function iconSvg(domain: IconDomain): string {
  let svg = rendered.get(domain);
  if (!svg) {
    const glyph = renderToStaticMarkup(createElement(glyphs[domain], { x: 6, y: 6, width: 20, height: 20, color: "#fff", "aria-hidden": undefined }));
    svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#4f46e5"/>${glyph}</svg>`;
    rendered.set(domain, svg);
  }
  return svg;
}
