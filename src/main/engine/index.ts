export { Engine, type EngineOptions } from './engine';
export { EventHub } from './events';
export { installLastResortHandlers, type LastResortOptions } from './last-resort';
