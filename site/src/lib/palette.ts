// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies, and dark enough
// against white and light enough against the dark theme's background to read as shapes.
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#7F7F7F'];

/** Colour of the viewpoint at this position in the story's viewpoint list. */
export function viewpointColor(index: number): string {
  return COLOURS[index % COLOURS.length];
}

/** Colour per viewpoint label, matching the order of the story's viewpoint bar. */
export function viewpointColors(viewpoints: { label: string }[]): Map<string, string> {
  return new Map(viewpoints.map((viewpoint, index) => [viewpoint.label, viewpointColor(index)]));
}
