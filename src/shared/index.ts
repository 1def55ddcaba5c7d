export * from './result';
export * from './model';
export * from './contract';
export { createTerminalApi, type TerminalApi, type Transport, type Unsubscribe } from './api';
export * from './domain';
export * from './exchanges';
