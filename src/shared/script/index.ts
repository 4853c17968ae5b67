export * from './common';
export * from './duration';
export * from './macros';
export * from './refs';
export * from './remap';
export * from './script';
export * from './steps';
export * from './validate';
