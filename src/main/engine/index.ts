export { Engine, type EngineOptions } from './engine';
export { EventHub, type EventSink } from './events';
export { installLastResortHandlers, type LastResortOptions } from './last-resort';
