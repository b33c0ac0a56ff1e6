// @cpx/nx-plugin: CPX's local Nx plugin (generators.json lists its generators). Nx finds it
// by this path in tsconfig.base.json and runs it from source: `nx g @cpx/nx-plugin:service <name>`.
export { serviceGenerator } from './generators/service/service.generator';
export { serviceNames, type ServiceGeneratorOptions, type ServiceNames } from './generators/service/service-names';
