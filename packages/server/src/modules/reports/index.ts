// Reports for the back office: the store at a glance, from what the other modules keep.
export { niceEdges, overview } from './reports.service.ts';
