/** reference-server/defects/: the defect catalogue the mutation tests run the harness against. */
export type {
  Defect,
  DefectFamily,
  DefectParam,
  Disposition,
  HookContext,
  LineSplitter,
  ServerHooks,
  WireReply,
} from './defect.js';
export {
  DEFECTS,
  defectByName,
  formatDefectList,
  parseDefectSpec,
  type DefectSelection,
  type SelectedDefect,
} from './registry.js';
export { composeDefects, type DefectPipeline, type PipelineResult } from './pipeline.js';
