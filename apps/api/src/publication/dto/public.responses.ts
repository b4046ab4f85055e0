import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FIELDS_OF_ACTION, PLAN_KINDS, STAGES } from '@aoc/domain/plan.types';
import { PUBLIC_OUTCOMES, type PublicOutcome } from '@aoc/domain/publication.types';
import { PUBLIC_STATUSES } from '@aoc/domain/publication.rules';
import { DISPOSITIONS } from '@aoc/domain/task.types';
import { VersionRefResponse } from '../../common/responses';

/** The public library's JSON (DOMAIN §10), for the OpenAPI document. */
export class LibraryEntryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PLAN_KINDS }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: [String], example: ['PT'] }) countries: string[];
  @ApiProperty() versionNumber: number;
  @ApiProperty() versionHash: string;
  @ApiProperty({ format: 'date-time' }) endorsedAt: string;
  @ApiProperty({ enum: FIELDS_OF_ACTION, isArray: true }) fields: string[];
  @ApiProperty({ type: [String] }) priorityTopics: string[];
  @ApiProperty({ type: String, nullable: true, example: 'AOC-7QK2-M4XD-9B1Z' }) recordId: string | null;
  @ApiProperty({ description: 'the plan’s public page' }) url: string;
}

export class LibraryPageResponse {
  @ApiProperty({ type: [LibraryEntryResponse] }) items: LibraryEntryResponse[];
  @ApiPropertyOptional({ description: 'pass as `cursor` for the next page; absent on the last page' }) next?: string;
}

export class PublicTimelineEntryResponse {
  @ApiProperty({ enum: ['submitted', 'stage', 'revision', 'version', 'endorsed'] }) kind: string;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ format: 'date-time' }) at?: string;
  @ApiPropertyOptional({ enum: STAGES }) stage?: string;
  @ApiPropertyOptional({ format: 'date-time' }) enteredAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) completedAt?: string;
  @ApiPropertyOptional({ enum: PUBLIC_OUTCOMES, description: 'the stage’s outcome, never an individual answer' })
  outcome?: PublicOutcome;
  @ApiPropertyOptional({ enum: STAGES, description: 'a revision: the stage the new version returns to' })
  returnTo?: string;
  @ApiPropertyOptional() hash?: string;
}

export class PublicCommentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'the civil society organization that posted it' }) organization: string;
  @ApiProperty({ format: 'date-time' }) postedAt: string;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ enum: FIELDS_OF_ACTION }) field?: string;
  @ApiPropertyOptional({ description: 'absent when the comment is hidden' }) text?: string;
  @ApiProperty() hidden: boolean;
  @ApiPropertyOptional({ description: 'why the secretariat hid it' }) hiddenReason?: string;
  @ApiPropertyOptional({ enum: DISPOSITIONS }) disposition?: string;
  @ApiPropertyOptional({ description: 'the submitter’s public response' }) response?: string;
}

export class PublicRecordLinkResponse {
  @ApiProperty({ example: 'AOC-7QK2-M4XD-9B1Z' }) id: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ description: 'the record’s public page' }) url: string;
  @ApiProperty({ description: 'the record’s PDF' }) pdf: string;
}

export class PublicPlanResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PUBLIC_STATUSES }) status: string;
  @ApiProperty({ enum: PLAN_KINDS }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: [String] }) countries: string[];
  @ApiProperty({ type: VersionRefResponse, description: 'the endorsed version, or the version under comment' })
  version: VersionRefResponse;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the version’s content' })
  content: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description:
      "the names of the organizations the plan names (its and its actions' partners, the organizations that commented; registry ids), by id; an id the registry doesn't know is absent",
  })
  organizationNames: Record<string, string>;
  @ApiPropertyOptional({ format: 'date-time' }) endorsedAt?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'while open for comment: when the window closes' })
  commentWindowClosesAt?: string;
  @ApiProperty({ type: [PublicTimelineEntryResponse] }) timeline: PublicTimelineEntryResponse[];
  @ApiProperty({ type: [PublicCommentResponse] }) comments: PublicCommentResponse[];
  @ApiPropertyOptional({ type: PublicRecordLinkResponse }) record?: PublicRecordLinkResponse;
  @ApiProperty({ description: 'the plan’s public page' }) url: string;
}

export class PublicRecordResponse {
  @ApiProperty({ example: 'AOC-7QK2-M4XD-9B1Z' }) id: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() title: string;
  @ApiProperty() versionNumber: number;
  @ApiProperty() versionHash: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ description: 'SHA-256 of the canonical data (RFC 8785)' }) dataSha256: string;
  @ApiProperty({ description: 'Ed25519 over that digest, base64url' }) dataSignature: string;
  @ApiProperty({ description: 'the signing key, in /.well-known/record-keys.json' }) keyId: string;
  @ApiProperty({ description: 'the canonical data: what the signature covers' }) canonical: string;
  @ApiProperty() pdf: string;
  @ApiProperty() url: string;
}

export class RecordVerificationResponse {
  @ApiProperty({ description: 'whether the PDF is an adoption record this service issued, unchanged' })
  authentic: boolean;
  @ApiPropertyOptional({ description: 'when not authentic: why' }) reason?: string;
  @ApiPropertyOptional() recordId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) planId?: string;
  @ApiPropertyOptional() version?: number;
  @ApiPropertyOptional() versionHash?: string;
  @ApiPropertyOptional({ format: 'date-time' }) issuedAt?: string;
  @ApiPropertyOptional() keyId?: string;
}
