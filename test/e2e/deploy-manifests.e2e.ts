import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { CONFIG_SCHEMA } from '../../server/src/config/config.schema';
import { loadConfig } from '../../server/src/config/config';

const DIR = join(__dirname, '..', '..', 'deploy', 'kubernetes');

/**
 * The Kubernetes manifests in deploy/, validated offline against the Kubernetes API's JSON schemas
 * (kubernetes-models, generated from the OpenAPI of Kubernetes itself; kubeconform does not install
 * from the registries these machines reach), and held to Zegel's own configuration schema.
 */
describe('deploy/kubernetes manifests', () => {
  const MODELS: Record<string, new (data: never) => { validate(): void }> = {
    'v1/Namespace': Namespace,
    'v1/ConfigMap': ConfigMap,
    'v1/Secret': Secret,
    'v1/Service': Service,
    'v1/ServiceAccount': ServiceAccount,
    'apps/v1/Deployment': Deployment,
    'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
    'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  };
  const documents = readdirSync(DIR)
    .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((doc, i) => {
        if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
        return { name: `${file}#${i}`, object: doc.toJS() as Record<string, never> };
      }),
    );

  it.each(documents.map((d) => [d.name, d.object]))('%s is valid for its kind', (_name, object) => {
    const Model = MODELS[`${object.apiVersion as string}/${object.kind as string}`];
    expect(Model).toBeDefined();
    expect(() => new Model(object as never).validate()).not.toThrow();
  });

  it('catches a broken manifest (the check can fail)', () => {
    const deployment = documents.find((d) => d.object.kind === 'Deployment')!.object as never as {
      spec: { replicas: unknown };
    };
    const broken = { ...deployment, spec: { ...deployment.spec, replicas: 'three' } };
    expect(() => new Deployment(broken as never).validate()).toThrow(/replicas/);
  });

  it('lists every manifest in kustomization.yaml, and the ConfigMap is a valid Zegel configuration', () => {
    const kustomization = parseAllDocuments(
      readFileSync(join(DIR, 'kustomization.yaml'), 'utf8'),
    )[0].toJS() as {
      resources: string[];
    };
    const files = readdirSync(DIR).filter(
      (f) => f.endsWith('.yaml') && f !== 'kustomization.yaml' && !f.includes('.example.'),
    );
    expect([...kustomization.resources].sort()).toEqual(files.sort());
    const configMap = documents.find((d) => d.object.kind === 'ConfigMap')!.object as never as {
      data: Record<string, string>;
    };
    for (const name of Object.keys(configMap.data))
      expect(Object.keys(CONFIG_SCHEMA)).toContain(name);
    const secret = documents.find((d) => d.object.kind === 'Secret')!.object as never as {
      stringData: Record<string, string>;
    };
    expect(() => loadConfig({ ...configMap.data, ...secret.stringData }, '/')).not.toThrow();
  });
});
