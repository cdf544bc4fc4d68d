/** The element tree satori reads: React's element shape without React (the app uses hono/jsx). */
export type Style = Record<string, string | number>;
export type SatoriNode = { type: string; props: { style?: Style; children?: SatoriChild | SatoriChild[]; src?: string; width?: number; height?: number } };
export type SatoriChild = SatoriNode | string | null;

export function h(type: string, style: Style, ...children: SatoriChild[]): SatoriNode {
  return { type, props: { style, children: children.length === 1 ? children[0] : children } };
}

export function img(src: string, style: Style): SatoriNode {
  return { type: "img", props: { src, style } };
}
