import { Injectable } from '@nestjs/common';
import {
  BUILT_IN_CLASSIFICATIONS,
  DEFAULT_CLASSIFICATIONS,
  type BuiltInClassification,
  type ClassificationInfo,
  type ClassificationInput,
  type ClassificationView,
} from '@zegel/shared';
import type { EntityManager } from 'typeorm';
import { ZegelError } from '../../common/zegel-error';
import { DatabaseService } from '../../database/database.service';
import { EvidenceService } from '../../evidence/evidence.service';
import type { ClassificationEntity } from './classification.entity';
import { ClassificationRepository } from './classification.repository';

export interface ChangeActor {
  actor: string;
  ip: string | null;
}

const PROTECTED: readonly string[] = ['confidential', 'registered'];

/** The first-start rows: the built-in four, at version 1, written by nobody yet. */
const defaults = (): ClassificationEntity[] =>
  DEFAULT_CLASSIFICATIONS.map((c, i) => ({
    id: c.id,
    position: (i + 1) * 10,
    label: c.label,
    description: c.description,
    colour: c.colour,
    purviewLabelId: c.purviewLabelId,
    routeAs: c.routeAs,
    builtIn: true,
    version: 1,
    updatedAt: new Date(0),
    updatedBy: '',
  }));

const view = (e: ClassificationEntity): ClassificationView => ({
  id: e.id,
  label: e.label,
  description: e.description,
  colour: e.colour,
  purviewLabelId: e.purviewLabelId,
  routeAs: e.routeAs as BuiltInClassification,
  protected: PROTECTED.includes(e.routeAs),
  builtIn: e.builtIn,
  position: e.position,
  version: e.version,
  updatedAt: e.updatedBy ? e.updatedAt.toISOString() : null,
  updatedBy: e.updatedBy || null,
});

const fieldsOf = (e: ClassificationEntity) => ({
  label: e.label,
  description: e.description,
  colour: e.colour,
  purviewLabelId: e.purviewLabelId,
  routeAs: e.routeAs,
});

/** A classification as intake needs it: whether Zegel sends it, and the route it takes. */
export interface KnownClassification {
  id: string;
  protected: boolean;
  routeAs: BuiltInClassification;
}

/** Intake reads the list at most this often; a change here is seen at once, elsewhere within it. */
const KNOWN_CACHE_MS = 5_000;

const strictness = (routeAs: string) => BUILT_IN_CLASSIFICATIONS.findIndex((c) => c.id === routeAs);

const stale = () =>
  new ZegelError(
    'CONFLICT',
    'This classification was changed by someone else since you opened it. Reload it and make your change again.',
  );

/**
 * The classifications in the database: the built-in four until an admin changes them (they are
 * written on the first change), and the admin's own. The task pane and the connector read them.
 */
@Injectable()
export class ClassificationsService {
  constructor(
    private readonly db: DatabaseService,
    private readonly rows: ClassificationRepository,
    private readonly evidence: EvidenceService,
  ) {}

  async list(manager?: EntityManager): Promise<ClassificationView[]> {
    const stored = await this.rows.list(manager);
    const missing = defaults().filter((d) => !stored.some((s) => s.id === d.id));
    return [...stored, ...missing].sort((a, b) => a.position - b.position).map(view);
  }

  /** What the task pane shows. */
  async labels(): Promise<ClassificationInfo[]> {
    return (await this.list()).map(
      ({ id, label, protected: p, description, colour, purviewLabelId, routeAs }) => ({
        id,
        label,
        protected: p,
        description,
        colour,
        purviewLabelId,
        routeAs,
      }),
    );
  }

  /**
   * The built-in route a classification takes; undefined for one that does not exist. From the
   * same brief cache as `known` (each intake asks), which a change on this instance clears.
   */
  async routeAs(id: string): Promise<BuiltInClassification | undefined> {
    return (await this.known()).find((c) => c.id === id)?.routeAs;
  }

  /**
   * Every classification intake accepts, weakest route first (a mail with several labels keeps the
   * strictest). Cached briefly: the connector asks for every mail.
   */
  known(): Promise<KnownClassification[]> {
    const now = Date.now();
    if (!this.cache || now - this.cache.at > KNOWN_CACHE_MS) {
      const known = this.list().then((all) =>
        all
          .map(({ id, protected: p, routeAs }) => ({ id, protected: p, routeAs }))
          .sort((a, b) => strictness(a.routeAs) - strictness(b.routeAs)),
      );
      known.catch(() => (this.cache = undefined));
      this.cache = { at: now, known };
    }
    return this.cache.known;
  }

  private cache?: { at: number; known: Promise<KnownClassification[]> };

  private forget<T>(change: Promise<T>): Promise<T> {
    return change.finally(() => (this.cache = undefined));
  }

  async exists(id: string): Promise<boolean> {
    return (await this.list()).some((c) => c.id === id);
  }

  create(input: ClassificationInput, by: ChangeActor): Promise<ClassificationView> {
    return this.forget(
      this.db.transaction(async (tx) => {
        await this.rows.insertMissing(tx, defaults());
        const all = await this.rows.list(tx);
        if (all.some((c) => c.id === input.id))
          throw new ZegelError('VALIDATION_FAILED', 'The classification is not valid.', [
            { path: 'id', message: 'is already in use' },
          ]);
        const row: ClassificationEntity = {
          ...input,
          position: Math.max(0, ...all.map((c) => c.position)) + 10,
          builtIn: false,
          version: 1,
          updatedAt: new Date(),
          updatedBy: by.actor,
        };
        await this.rows.insertMissing(tx, [row]);
        await this.record(tx, by, 'classification.create', row.id, null, fieldsOf(row));
        return view(row);
      }),
    );
  }

  update(
    id: string,
    version: number,
    input: ClassificationInput,
    by: ChangeActor,
  ): Promise<ClassificationView> {
    if (input.id !== id)
      throw new ZegelError('VALIDATION_FAILED', 'The classification is not valid.', [
        { path: 'id', message: 'cannot be changed (Exchange rules match on it)' },
      ]);
    return this.forget(
      this.db.transaction(async (tx) => {
        await this.rows.insertMissing(tx, defaults());
        const before = await this.rows.get(tx, id);
        if (!before) throw new ZegelError('NOT_FOUND', 'No such classification.');
        // A built-in classification keeps its route: the ruleset is defined on it.
        const routeAs = before.builtIn ? before.routeAs : input.routeAs;
        const fields = {
          label: input.label,
          description: input.description,
          colour: input.colour,
          purviewLabelId: input.purviewLabelId,
          routeAs,
          updatedAt: new Date(),
          updatedBy: by.actor,
        };
        if (!(await this.rows.update(tx, id, version, fields))) throw stale();
        const after = (await this.rows.get(tx, id))!;
        await this.record(tx, by, 'classification.update', id, fieldsOf(before), fieldsOf(after));
        return view(after);
      }),
    );
  }

  remove(id: string, version: number, by: ChangeActor): Promise<void> {
    return this.forget(
      this.db.transaction(async (tx) => {
        const before = await this.rows.get(tx, id);
        if (!before && DEFAULT_CLASSIFICATIONS.some((c) => c.id === id))
          throw new ZegelError('VALIDATION_FAILED', 'A built-in classification cannot be deleted.');
        if (!before) throw new ZegelError('NOT_FOUND', 'No such classification.');
        if (before.builtIn)
          throw new ZegelError('VALIDATION_FAILED', 'A built-in classification cannot be deleted.');
        if (!(await this.rows.remove(tx, id, version))) throw stale();
        await this.record(tx, by, 'classification.delete', id, fieldsOf(before), null);
      }),
    );
  }

  private async record(
    tx: EntityManager,
    by: ChangeActor,
    action: string,
    id: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await this.evidence.recordConfigurationChange(tx, {
      actor: by.actor,
      ip: by.ip,
      action,
      target: `classification/${id}`,
      before,
      after,
    });
  }
}
