"use client";
// Instructions are Markdown: rendered with react-markdown, raw HTML dropped (skipHtml) and links
// limited to safe protocols by its default URL transform, so a template cannot inject markup.
import ReactMarkdown from "react-markdown";
import { cn } from "./cn";

const prose = [
  "grid gap-2 text-sm leading-relaxed break-words",
  "[&_h1]:text-base [&_h1]:font-semibold [&_h2]:text-sm [&_h2]:font-semibold [&_h3]:text-sm [&_h3]:font-medium",
  "[&_ul]:list-disc [&_ul]:pl-5 [&_ol]:list-decimal [&_ol]:pl-5 [&_li]:my-0.5",
  "[&_a]:text-primary [&_a]:underline",
  "[&_code]:rounded [&_code]:bg-muted [&_code]:px-1 [&_code]:py-0.5 [&_code]:font-mono [&_code]:text-xs",
  "[&_pre]:overflow-auto [&_pre]:rounded-md [&_pre]:bg-muted [&_pre]:p-3 [&_pre_code]:bg-transparent [&_pre_code]:p-0",
  "[&_blockquote]:border-l-2 [&_blockquote]:border-border [&_blockquote]:pl-3 [&_blockquote]:text-muted-fg",
].join(" ");

export function Markdown({ children, className, testId }: { children: string; className?: string; testId?: string }) {
  return (
    <div className={cn(prose, className)} data-testid={testId}>
      <ReactMarkdown skipHtml>{children}</ReactMarkdown>
    </div>
  );
}
