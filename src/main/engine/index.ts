export { Engine, type EngineOptions } from './engine';
export { EventHub } from './events';
export { installLastResortHandlers, type LastResortOptions } from './last-resort';
export { defaultSimulators, forkSimHost, processSimulators, simHostPath, utilitySimHost, type HostedSimulators, type SimChild, type SpawnSimHost } from './simulators';
