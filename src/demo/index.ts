/** The demo county (示范县) and its demo site: the public API of src/demo. */
export { COUNTY_ID, COUNTY_NAME, CITY_NAME, DEMO_LANDMARKS, DEMO_PLACES, DEMO_UNITS, demoGazetteer, demoPlaceWords, demoUnitWords, placeById, unitById } from './county.ts';
export type { DemoLandmark, DemoPlace, DemoUnit, PlaceKind, UnitKind } from './county.ts';
export { generatePosts, storylineStarts } from './generator.ts';
export { demoPostsJsonLines, toImportRecord, type ImportRecord } from './stream.ts';
export { createAcceleratedClock, createCatchUpClock, createManualClock, type AcceleratedClock, type DemoClock, type ManualClock } from './clock.ts';
export { demoTimeline, startDemoSite, type DemoSite, type DemoSiteOptions } from './site.ts';
export { demoSources, type DemoSourceConfig } from './sources.ts';
export { demoSiteCommand, type DemoCommandIo } from './command.ts';
export { STORYLINES, STORYLINE_IDS } from './storylines.ts';
export * from './setup.ts';
export type * from './types.ts';
