/**
 * The options of every command that reads layers (analyze, plan, …): declared once, so a new input
 * option (a CRS, an encoding, a DEM) is added here and read in load-inputs.ts.
 */
import { listOption, valueOption, type OptionValues } from './option-spec.ts';

export const INPUT_OPTIONS = {
  villages: valueOption('--villages', 'FILE', 'the village polygons (any polygon layer: thôn, communes, grid cells)', { required: true }),
  bts: listOption('--bts', 'FILE', 'BTS sites or cells, OpenCelliD exports included', { required: true }),
  fibre: listOption('--fibre', 'FILE', 'fibre routes and/or access points; without them FTTH is unknown'),
  settlements: listOption('--settlements', 'FILE', "settlement points weighted by population or households; without them a village's people are spread over its area"),
  config: valueOption('--config', 'FILE.json', 'assumptions that differ from the defaults, e.g. {"ftthReachM": 800}'),
};

/** The files a command reads, as given on the command line. */
export type InputFiles = OptionValues<typeof INPUT_OPTIONS>;
