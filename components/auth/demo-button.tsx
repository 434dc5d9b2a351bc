import { demoSignInAction } from "@/app/(auth)/actions";
import { Button, type ButtonProps } from "@/components/ui/button";

/** Signs straight into the demo organization (render it only when the instance has the demo login). */
export function DemoButton({ next, children = "Try the demo", ...props }: { next?: string; children?: React.ReactNode } & Pick<ButtonProps, "size" | "variant" | "className">) {
  return (
    <form action={demoSignInAction}>
      <input type="hidden" name="next" value={next ?? "/tasks"} />
      <Button type="submit" data-testid="try-demo" {...props}>
        {children}
      </Button>
    </form>
  );
}
