// Public surface of render/: scene and camera from MuJoCo arrays, the ray-casting renderer, PNG encoding.

export { type Camera, cameraFromMujoco } from './camera.js';
export { type EncodePngOptions, encodePng } from './encode-png.js';
export { GeomType } from './geom-type.js';
export type { Headlight, MujocoLightArrays, RenderLight, Rgb } from './light.js';
export {
  DEFAULT_APPEARANCE,
  DEFAULT_VISIBLE_GROUPS,
  type MujocoSceneArrays,
  type PlaneChecker,
  type RenderScene,
  type SceneAppearance,
  type SceneOptions,
  sceneFromMujocoArrays,
} from './render-scene.js';
export {
  createRenderer,
  type RenderCameraOptions,
  type Renderer,
  type RenderOptions,
  type RenderOutput,
  renderCamera,
} from './renderer.js';
