// A Lambert-looking material lit per vertex (Gouraud) with per-pixel shadows. Under
// SwiftShader the per-fragment lighting of MeshLambertMaterial costs about as much as the
// rest of the frame; our objects are flat-faced primitives, so vertex lighting looks the
// same. Lights come from the scene (hemisphere + one directional with a shadow map).

import * as THREE from 'three';

const VERTEX = /* glsl */ `
#include <common>
#include <lights_pars_begin>
#include <shadowmap_pars_vertex>
varying vec3 vAmbient;
varying vec3 vDirect;
void main() {
  #include <beginnormal_vertex>
  #include <defaultnormal_vertex>
  #include <begin_vertex>
  #include <project_vertex>
  #include <worldpos_vertex>
  #include <shadowmap_vertex>
  vec3 n = normalize( transformedNormal );
  vAmbient = ambientLightColor;
  #if NUM_HEMI_LIGHTS > 0
  for ( int i = 0; i < NUM_HEMI_LIGHTS; i ++ ) vAmbient += getHemisphereLightIrradiance( hemisphereLights[ i ], n );
  #endif
  vDirect = vec3( 0.0 );
  #if NUM_DIR_LIGHTS > 0
  vDirect = directionalLights[ 0 ].color * saturate( dot( n, directionalLights[ 0 ].direction ) );
  #endif
}`;

const FRAGMENT = /* glsl */ `
uniform vec3 diffuse;
#include <common>
#include <packing>
#include <lights_pars_begin>
#include <shadowmap_pars_fragment>
#include <shadowmask_pars_fragment>
varying vec3 vAmbient;
varying vec3 vDirect;
void main() {
  vec3 irradiance = vAmbient + vDirect * getShadowMask();
  gl_FragColor = vec4( diffuse * irradiance * RECIPROCAL_PI, 1.0 );
  #include <tonemapping_fragment>
  #include <colorspace_fragment>
}`;

/** A vertex-lit, shadow-receiving material of one colour; `.color` is its diffuse colour. */
export function vertexLitMaterial(color: THREE.Color): THREE.ShaderMaterial & { color: THREE.Color } {
  const uniforms = THREE.UniformsUtils.merge([THREE.UniformsLib.lights, { diffuse: { value: new THREE.Color() } }]);
  (uniforms.diffuse!.value as THREE.Color).copy(color);
  const m = new THREE.ShaderMaterial({ uniforms, vertexShader: VERTEX, fragmentShader: FRAGMENT, lights: true }) as THREE.ShaderMaterial & {
    color: THREE.Color;
  };
  m.color = uniforms.diffuse!.value as THREE.Color;
  return m;
}
