/**
 * The `onnx` generator backend: learned diffusion and flow-matching video models run by onnxruntime.
 * See docs/MODELS.md for the model folder and its manifest.
 */
export { createOnnxBackend, ONNX_BACKEND_VERSION, type OnnxBackend, type OnnxBackendOptions } from './generator';
export { listModels, formatModelList, modelRoots, modelsFolder, type ModelListing } from './models';
export { loadModelFolder, parseManifest, MANIFEST_FILE, type ModelFolder } from './manifest/load';
export { ModelManifest } from './manifest/schema';
export { chooseProvider, candidateProviders, describeChoice, type ProviderChoice, type ProviderName, type ProviderEnvironment } from './runtime/providers';
