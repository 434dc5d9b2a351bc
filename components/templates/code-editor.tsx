"use client";
// CodeMirror 6 with Liquid highlighting (or JSON), the app's colours in light and dark, and
// problems shown as lint marks at their line and column.
import { json } from "@codemirror/lang-json";
import { liquid } from "@codemirror/lang-liquid";
import { defaultHighlightStyle, HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { type Diagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import { Compartment, EditorState } from "@codemirror/state";
import { oneDarkHighlightStyle } from "@codemirror/theme-one-dark";
import { EditorView } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";
import { basicSetup } from "codemirror";
import { useEffect, useRef } from "react";

export interface EditorMark {
  line: number | null;
  column: number | null;
  message: string;
}

const appTheme = EditorView.theme({
  "&": { backgroundColor: "var(--card)", color: "var(--fg)", fontSize: "13px", height: "100%" },
  ".cm-content": { fontFamily: "var(--font-mono)", caretColor: "var(--fg)" },
  ".cm-gutters": { backgroundColor: "var(--muted)", color: "var(--muted-fg)", borderRight: "1px solid var(--border)" },
  ".cm-activeLine": { backgroundColor: "color-mix(in srgb, var(--muted) 70%, transparent)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--border)" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { overflow: "auto" },
  ".cm-selectionBackground, &.cm-focused .cm-selectionBackground": { backgroundColor: "color-mix(in srgb, var(--primary) 25%, transparent) !important" },
});

// Liquid's own tokens stand out in both themes; the rest falls back to the theme's style.
const liquidStyle = HighlightStyle.define([
  { tag: [t.variableName, t.propertyName], color: "#6366f1" },
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.operatorKeyword], color: "#c026d3", fontWeight: "500" },
  { tag: [t.function(t.variableName), t.special(t.variableName)], color: "#0891b2" },
  { tag: [t.string, t.special(t.string)], color: "#059669" },
  { tag: [t.number, t.bool, t.null], color: "#d97706" },
  { tag: [t.brace, t.bracket, t.punctuation, t.separator], color: "#94a3b8" },
  { tag: t.comment, color: "#94a3b8", fontStyle: "italic" },
]);

const isDark = () => document.documentElement.classList.contains("dark");
const highlight = (dark: boolean) => [syntaxHighlighting(liquidStyle), syntaxHighlighting(dark ? oneDarkHighlightStyle : defaultHighlightStyle, { fallback: true })];

export function CodeEditor({
  value,
  onChange,
  language = "liquid",
  readOnly = false,
  marks = [],
  label,
  className,
}: {
  value: string;
  onChange?: (value: string) => void;
  language?: "liquid" | "json";
  readOnly?: boolean;
  marks?: EditorMark[];
  label: string;
  className?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const colours = new Compartment();
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          language === "json" ? json() : liquid(),
          colours.of(highlight(isDark())),
          appTheme,
          lintGutter(),
          EditorView.lineWrapping,
          EditorState.readOnly.of(readOnly),
          EditorView.contentAttributes.of({ "aria-label": label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChangeRef.current?.(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    const observer = new MutationObserver(() => v.dispatch({ effects: colours.reconfigure(highlight(isDark())) }));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    return () => {
      observer.disconnect();
      v.destroy();
      view.current = null;
    };
    // The editor is created once per file; later values arrive through the effect below.
  }, [language, readOnly, label]);

  // Outside changes (switching files, loading a version) replace the document.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const doc = v.state.doc;
    const diagnostics: Diagnostic[] = marks.map((m) => {
      const line = doc.line(Math.min(Math.max(m.line ?? 1, 1), doc.lines));
      const from = Math.min(line.from + Math.max((m.column ?? 1) - 1, 0), line.to);
      return { from, to: Math.max(from, Math.min(line.to, from + 1)), severity: "error", message: m.message };
    });
    v.dispatch(setDiagnostics(v.state, diagnostics));
  }, [marks, value]);

  return <div ref={host} className={className} data-testid={`editor-${label}`} />;
}
