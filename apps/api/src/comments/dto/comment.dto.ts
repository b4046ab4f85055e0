import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { FIELDS_OF_ACTION, FieldOfAction } from '@aoc/domain/plan.types';
import { COMMENT_MAX_LENGTH } from '@aoc/domain/review/comment-window';

export class PostCommentDto {
  @ApiProperty({ maxLength: COMMENT_MAX_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(COMMENT_MAX_LENGTH)
  text: string;

  @ApiPropertyOptional({ enum: FIELDS_OF_ACTION, description: 'the field of action the comment refers to' })
  @IsOptional()
  @IsIn(FIELDS_OF_ACTION)
  field?: FieldOfAction;
}

export class HideCommentDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}
